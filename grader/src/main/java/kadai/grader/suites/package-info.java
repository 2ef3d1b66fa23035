/**
 * What the graded suites share: {@code SuiteChecks} (the base of every {@code *Checks}), the
 * structural cases and the invalid-configuration check. Like every suite package below it, it
 * imports only {@code api}, {@code suite}, {@code property}, {@code result} and
 * {@code kadai.assignments}, never {@code internal} or {@code sandbox} ({@code ArchitectureTests}).
 */
package kadai.grader.suites;
