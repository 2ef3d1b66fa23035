/**
 * Training runs from the web: the task-run queue and worker, the run pages with progress feeds and
 * charts, and how runs earn gradebook points. It imports {@code kadai.tasks},
 * {@code kadai.tasks.data}, the grader's {@code api} and {@code sandbox}, {@code http} and
 * {@code submission}; {@code gradebook}, {@code settings} and the wiring use it.
 */
package kadai.web.task;
