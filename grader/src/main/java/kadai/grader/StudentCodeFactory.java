package kadai.grader;

import kadai.grader.api.StudentCode;

import java.util.Map;

/**
 * Open compiled student classes as a {@link StudentCode}: in-process, or in a sandboxed runner.
 */
public interface StudentCodeFactory {

    /** Load the classes (binary name to bytes); student classes they lack come from the stubs. */
    StudentCode open(Map<String, byte[]> classes);

    /** Name the isolation this factory gives ({@code in-process}, {@code full}, {@code degraded}). */
    String sandboxLevel();
}
