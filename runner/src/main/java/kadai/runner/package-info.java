/**
 * The program of the sandboxed runner JVM: it loads the student's classes, serves the grader's
 * requests (construct, call, release) and passes grader-side layers to student code as proxies. It
 * imports only {@code kadai.assignments}, {@code kadai.runner.protocol} and DJL (the module has no
 * grader on its classpath); nothing imports it: the grader starts it as a process.
 */
package kadai.runner;
