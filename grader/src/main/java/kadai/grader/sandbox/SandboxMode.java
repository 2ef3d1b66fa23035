package kadai.grader.sandbox;

import java.util.Locale;

/** What the operator asked for: {@code --sandbox auto|required|off}. */
public enum SandboxMode {
    /** Use the best level this host offers; grade even when it is degraded. */
    AUTO,
    /** Refuse to grade unless the level is {@link SandboxLevel#FULL}. */
    REQUIRED,
    /** Run student code in the grader JVM (local checks of trusted code only). */
    OFF;

    /** Parse {@code auto}, {@code required} or {@code off}. */
    public static SandboxMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown sandbox mode '" + text + "'; use auto, required or off", e);
        }
    }
}
