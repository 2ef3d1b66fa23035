package kadai.grader.sandbox.remote;

import java.util.Map;
import kadai.grader.StudentCodeFactory;
import kadai.grader.api.StudentCode;
import kadai.grader.sandbox.Sandbox;
import kadai.grader.sandbox.SandboxConfig;
import kadai.grader.sandbox.SandboxMode;
import kadai.grader.sandbox.SandboxUnavailableException;

/**
 * Open each submission in its own sandboxed runner: what {@code kadai grade --sandbox auto|required}
 * and the web workers use.
 */
public final class SandboxedStudentCodeFactory implements StudentCodeFactory, AutoCloseable {

    private final Sandbox sandbox;

    public SandboxedStudentCodeFactory(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Detect the sandbox and start one runner ahead, for a command that grades one submission.
     *
     * @throws SandboxUnavailableException when {@code mode} is REQUIRED and the level is below full
     */
    public static SandboxedStudentCodeFactory forOneSubmission(SandboxMode mode) {
        return new SandboxedStudentCodeFactory(Sandbox.create(
                SandboxConfig.builder()
                        .optWarmRunners(1)
                        .optRefill(SandboxConfig.Refill.ONCE)
                        .build(),
                mode));
    }

    @Override
    public StudentCode open(Map<String, byte[]> classes) {
        return SandboxedStudentCode.open(sandbox, classes);
    }

    @Override
    public StudentCode openIfReady(Map<String, byte[]> classes) {
        return SandboxedStudentCode.openIfWarm(sandbox, classes);
    }

    @Override
    public String sandboxLevel() {
        return "sandbox:" + sandbox.level().label();
    }

    /** Return the sandbox, for its level and description. */
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
