package kadai.grader.timing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import kadai.grader.result.GradingTimes;

/** Accumulate the time one graded test spent in student calls, reference calls and shrinking. */
public final class TestClock {

    final LongAdder studentNanos = new LongAdder();
    final LongAdder referenceNanos = new LongAdder();
    final LongAdder shrinkNanos = new LongAdder();
    final AtomicInteger studentCalls = new AtomicInteger();
    final AtomicInteger referenceCalls = new AtomicInteger();
    final AtomicInteger cases = new AtomicInteger();

    /** Return this clock's totals, for a test that took {@code wallSeconds}. */
    public GradingTimes.TestTimes times(double wallSeconds) {
        return new GradingTimes.TestTimes(
                GradingTimes.round(wallSeconds),
                seconds(studentNanos),
                seconds(referenceNanos),
                seconds(shrinkNanos),
                cases.get(),
                studentCalls.get(),
                referenceCalls.get());
    }

    private static double seconds(LongAdder nanos) {
        return GradingTimes.round(nanos.sum() / 1e9);
    }
}
