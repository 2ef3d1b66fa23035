/**
 * The {@code kadai grade} command: read a submission, grade it, print a terminal table and write
 * results.json / JUnit XML, with documented exit codes. It imports {@code kadai.grader},
 * {@code result}, {@code sandbox} and {@code internal} (to read files); nothing imports it.
 */
package kadai.grader.cli;
