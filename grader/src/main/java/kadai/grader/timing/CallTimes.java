package kadai.grader.timing;

/**
 * Report time into the clock of the graded test running on this thread.
 *
 * <p>A graded test calls the student and the reference through several layers (facades, layers,
 * the property harness) that know nothing of the test; the test's body runs on a thread of its
 * own, so the clock travels with that thread (and with threads it starts) the way a tracing span
 * does. Outside a graded test (setup, the CLI, the tasks) every method here does nothing.
 */
public final class CallTimes {

    /** Whose code a call ran. */
    public enum Side {
        STUDENT,
        REFERENCE
    }

    private static final InheritableThreadLocal<TestClock> CURRENT = new InheritableThreadLocal<>();

    private CallTimes() {}

    /** Make {@code clock} the current test's clock on this thread (and threads it starts); null unbinds. */
    public static void bind(TestClock clock) {
        if (clock == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(clock);
        }
    }

    /** Record a call into {@code side}'s code that started at {@code startNanos} ({@link System#nanoTime()}). */
    public static void call(Side side, long startNanos) {
        TestClock clock = CURRENT.get();
        if (clock == null) {
            return;
        }
        long nanos = System.nanoTime() - startNanos;
        if (side == Side.STUDENT) {
            clock.studentNanos.add(nanos);
            clock.studentCalls.incrementAndGet();
        } else {
            clock.referenceNanos.add(nanos);
            clock.referenceCalls.incrementAndGet();
        }
    }

    /** Record shrinking a failure that started at {@code startNanos}. */
    public static void shrinking(long startNanos) {
        TestClock clock = CURRENT.get();
        if (clock != null) {
            clock.shrinkNanos.add(System.nanoTime() - startNanos);
        }
    }

    /** Count one property case checked. */
    public static void caseChecked() {
        TestClock clock = CURRENT.get();
        if (clock != null) {
            clock.cases.incrementAndGet();
        }
    }
}
