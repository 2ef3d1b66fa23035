package kadai.grader.result;

/** Say how one graded test ended. */
public enum TestStatus {
    PASSED,
    FAILED,
    /** The test ran past its time limit; the other tests still count. */
    TIMED_OUT,
    /** The test could not run: the runner died, the class was missing, the suite itself broke. */
    ERROR
}
