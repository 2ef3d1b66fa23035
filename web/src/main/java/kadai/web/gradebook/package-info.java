/**
 * The staff gradebook and regrading: scores per student and assignment, training-run points, CSV
 * export. It reads the other features ({@code account}, {@code assignment}, {@code submission},
 * {@code task}) and the grader's {@code result}; only the wiring imports it.
 */
package kadai.web.gradebook;
