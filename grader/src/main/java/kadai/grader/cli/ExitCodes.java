package kadai.grader.cli;

/** The exit codes of {@code kadai grade}, for CI scripts and {@code run_autograder}. */
public final class ExitCodes {

    /** The submission was graded and scored at least {@code --min-score}. */
    public static final int OK = 0;
    /** The submission was graded but scored below {@code --min-score}. */
    public static final int BELOW_MIN_SCORE = 1;
    /** The command line was wrong (unknown option, missing --assignment, ...). */
    public static final int USAGE = 2;
    /** The submission could not be graded: it does not compile, was refused, or names an unknown assignment. */
    public static final int NOT_GRADED = 3;
    /** {@code --sandbox required} was asked for and this machine cannot give the full sandbox. */
    public static final int SANDBOX_UNAVAILABLE = 4;
    /** The grader itself failed (a bug or a broken installation); the message says what. */
    public static final int INTERNAL_ERROR = 70;

    private ExitCodes() {}
}
