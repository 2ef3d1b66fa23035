package kadai.web.db;

import org.jdbi.v3.core.Handle;

/**
 * Serialise one user's quota-limited actions (submissions per day, training runs), on every web
 * node: inside a transaction, lock the user's row ({@code SELECT … FOR UPDATE}) before counting
 * and inserting, so that a parallel burst takes turns and each request sees the ones before it.
 * Other users are not held up.
 */
public final class UserLock {

    private UserLock() {}

    /** Lock the user's row until the transaction of {@code handle} ends. */
    public static void lock(Handle handle, long userId) {
        handle.createQuery("SELECT id FROM users WHERE id = :id FOR UPDATE")
                .bind("id", userId)
                .mapTo(Long.class)
                .findOne();
    }
}
