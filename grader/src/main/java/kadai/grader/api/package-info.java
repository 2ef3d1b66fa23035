/**
 * The seam through which suites and tasks call student and reference code: {@code StudentCode},
 * {@code StudentObject}, facades, the one rule of which classes are the student's, and the
 * feedback {@code Language} (tags such as {@code "ja"} only at the edges: CLI, HTTP, database). It imports
 * only {@code kadai.assignments} and DJL, never another grader package (no engine, no sandbox), so
 * every implementation of the seam (in-process, sandboxed, the tasks' direct one) can depend on it.
 */
package kadai.grader.api;
