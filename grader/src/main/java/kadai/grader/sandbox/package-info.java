/**
 * Running student code in sandboxed runner JVMs: isolation (bubblewrap, cgroups, seccomp, the
 * runner image, the launcher and its warm pool) and the remote calls ({@code SandboxedStudentCode},
 * {@code RemoteLayer}, {@code RunnerChannel}). It imports {@code kadai.grader}, {@code api},
 * {@code kadai.runner.protocol} and {@code kadai.assignments}; suites never import it.
 */
package kadai.grader.sandbox;
