/**
 * Running a whole task inside the sandbox in an isolated JVM ({@code resnet}, whose DJL blocks
 * cannot cross a process): the trusted side, the isolated main class and the files and reports
 * between them. It imports {@code kadai.tasks}, {@code data}, {@code internal}, {@code resnet} and
 * the grader's {@code api} and {@code sandbox}.
 */
package kadai.tasks.isolated;
