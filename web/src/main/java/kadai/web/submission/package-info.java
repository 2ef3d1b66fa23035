/**
 * Submissions: upload checks, storage, the grading queue seen from the web, results as a viewer may
 * see them and the live status feed. It imports {@code assignment}, {@code db}, {@code http} and
 * the grader's {@code result} and {@code property} (to print arrays); {@code job},
 * {@code gradebook} and {@code task} use it.
 */
package kadai.web.submission;
