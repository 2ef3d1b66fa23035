/**
 * Calls into student code that runs in a sandboxed runner: {@code SandboxedStudentCode} (the seam
 * over the protocol), the handles {@code RemoteLayer} and {@code RemoteObject}, and the factory the
 * CLI and the web workers open submissions with. It imports {@code kadai.grader.sandbox} (for a
 * started runner), {@code kadai.grader} and {@code api}, {@code kadai.grader.timing},
 * {@code kadai.runner.protocol} and {@code kadai.assignments}; suites never import it.
 */
package kadai.grader.sandbox.remote;
