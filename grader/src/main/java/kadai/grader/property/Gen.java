package kadai.grader.property;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Generate cases for a property and shrink a failing one.
 *
 * @param <T> the case type, an immutable value (a record) whose {@code toString} a student can read
 */
public interface Gen<T> {

    /** Return a new case drawn from {@code random} (and nothing else). */
    T next(SplittableRandom random);

    /**
     * Return cases "smaller" than {@code value}, most aggressive first. The harness keeps the
     * first one that still fails and asks again, until none fails.
     */
    default List<T> shrink(T value) {
        return List.of();
    }

    /** Describe a case for the counterexample. */
    default String describe(T value) {
        return String.valueOf(value);
    }
}
