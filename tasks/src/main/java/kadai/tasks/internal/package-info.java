/**
 * The tasks' in-process {@code StudentCode}: student or reference classes loaded in their own class
 * loader and called directly on the training thread. It imports {@code kadai.grader.api} and
 * {@code kadai.assignments}; only {@code kadai.tasks} and {@code kadai.tasks.isolated} use it.
 */
package kadai.tasks.internal;
