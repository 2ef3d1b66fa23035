package kadai.grader.api;

/**
 * The one rule that says which classes are the student's: every class of a package under
 * {@code kadai.assignments.} ({@code conv}, {@code pool}, {@code segment}, …), except the provided
 * ones a submission must not replace ({@code kadai.assignments.Layer} in the root package, the
 * comparison helpers in {@code testing}, the CNN task's layers in {@code layers}).
 *
 * <p>Class loaders of implementations define such classes from the submission (or the stubs), and
 * take everything else from the platform; the compiler accepts only such classes in a submission.
 */
public final class StudentClasses {

    private static final String ROOT = "kadai.assignments.";
    private static final String[] PROVIDED_PACKAGES = {"testing.", "layers."};

    private StudentClasses() {}

    /** Tell whether a binary class name (nested classes included) belongs to a student package. */
    public static boolean isStudentClass(String className) {
        if (className == null || !className.startsWith(ROOT)) {
            return false;
        }
        String rest = className.substring(ROOT.length());
        if (rest.indexOf('.') <= 0) {
            return false; // the root package: Layer and other provided types
        }
        for (String provided : PROVIDED_PACKAGES) {
            if (rest.startsWith(provided)) {
                return false;
            }
        }
        return true;
    }
}
