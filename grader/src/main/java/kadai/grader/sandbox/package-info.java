/**
 * Isolation of student code: the sandbox level a host offers (bubblewrap, cgroups, seccomp), the
 * runner image, the launcher (a slot pool plus the command that starts a runner or a whole
 * program in a slot), the warm pool of started runners and the framed channel to each. It knows a
 * runner's start-up handshake, not the calls that follow ({@code kadai.grader.sandbox.remote}).
 * It imports {@code kadai.runner.protocol}, and names {@code kadai.runner} and
 * {@code kadai.assignments} (and DJL) only to find the jars of the runner image; never
 * {@code sandbox.remote}, the engine or {@code api}. Suites never import it.
 */
package kadai.grader.sandbox;
