/**
 * The course settings page for staff: which assignments students see and when (publication,
 * opening time, deadline, late policy) and how training runs earn gradebook points.
 *
 * <p>Only HTTP in and out lives here; it uses the services of the {@code assignment} and
 * {@code task} features and the {@code http} helpers, and nothing depends on it but the wiring in
 * {@code KadaiServer}.
 */
package kadai.web.settings;
