/**
 * Grading as db-scheduler jobs: the job engine, the grading worker and the compile signal. It
 * imports {@code kadai.web.submission}, {@code kadai.web.assignment} and the grader's public
 * packages ({@code kadai.grader}, {@code api}, {@code result}); only the wiring imports it.
 */
package kadai.web.job;
