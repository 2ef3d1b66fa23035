package kadai.grader;

import java.util.Map;
import kadai.grader.api.StudentCode;

/**
 * Open compiled student classes as a {@link StudentCode}: in-process, or in a sandboxed runner.
 */
public interface StudentCodeFactory {

    /** Load the classes (binary name to bytes); student classes they lack come from the stubs. */
    StudentCode open(Map<String, byte[]> classes);

    /**
     * Open the classes a second time only if that costs no wait (a warm runner is ready now), for
     * running a grading's tests in two lanes on an idle machine; null otherwise (the default).
     */
    default StudentCode openIfReady(Map<String, byte[]> classes) {
        return null;
    }

    /** Name the isolation this factory gives ({@code in-process}, {@code full}, {@code degraded}). */
    String sandboxLevel();
}
