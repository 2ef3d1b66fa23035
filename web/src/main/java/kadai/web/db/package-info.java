/**
 * The platform's database: the connection pool, Flyway migrations, a {@code Jdbi}, file permissions
 * and per-user locks. It imports nothing of Kadai; feature packages use it.
 */
package kadai.web.db;
