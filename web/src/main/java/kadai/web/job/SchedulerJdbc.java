package kadai.web.job;

import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Tell db-scheduler how to store times in our database.
 *
 * <p>Its autodetection knows PostgreSQL but not H2, and on H2 it logs a warning at every start
 * that it assumes time zones are stored. They are: {@code scheduled_tasks} uses
 * {@code TIMESTAMP WITH TIME ZONE} (migration V1). So on H2 we say so explicitly and keep the
 * autodetection (and its PostgreSQL locking) everywhere else.
 */
public final class SchedulerJdbc {

    private SchedulerJdbc() {}

    /** Configure {@code builder} for the database behind {@code dataSource}; returns it. */
    public static SchedulerBuilder configure(SchedulerBuilder builder, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) {
                return builder.jdbcCustomization(new DefaultJdbcCustomization(false));
            }
        } catch (SQLException e) {
            // Leave it to db-scheduler's autodetection, which will report the database problem itself.
        }
        return builder;
    }
}
