package kadai.grader.result;

/** Say when a student may see a test's result (Gradescope's names). */
public enum Visibility {
    /** Shown at once. */
    VISIBLE,
    /** Never shown to students; only the instructor sees it (and its points count). */
    HIDDEN,
    /** Shown once the assignment's due date has passed (or the instructor releases it). */
    AFTER_DUE_DATE;

    /** Return Gradescope's spelling: {@code visible}, {@code hidden}, {@code after_due_date}. */
    public String gradescopeName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
