package kadai.grader.internal;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kadai.grader.api.Language;
import kadai.grader.api.StudentCodeException;
import kadai.grader.property.Gen;
import kadai.grader.property.PropertyCheck;
import kadai.grader.suite.GradingContext;

/** The context of one graded test; closes its manager when the test ends. */
final class DefaultGradingContext implements GradingContext, AutoCloseable {

    private final GradingRun run;
    private final long seed;
    private final NDManager manager;
    private final List<String> failedParts = new ArrayList<>();
    private String lastFailure;
    private final List<AssertionError> partErrors = new ArrayList<>();
    private final Set<String> notes = new LinkedHashSet<>();
    private double passedWeight;
    private double totalWeight;
    private boolean partTimedOut;

    DefaultGradingContext(GradingRun run, long seed) {
        this.run = run;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public long runSeed() {
        return run.seed;
    }

    @Override
    public Language language() {
        return run.language;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public <T> PropertyCheck<T> forAll(Gen<T> gen) {
        return PropertyCheck.forAll(gen)
                .seed(seed)
                .manager(manager)
                .language(run.language)
                .reproduce(run.reproduce);
    }

    @Override
    public void part(double weight, String what, Check body) {
        if (weight <= 0) {
            throw new IllegalArgumentException("a part's weight must be positive, got " + weight + " for " + what);
        }
        totalWeight += weight;
        try {
            body.run();
            passedWeight += weight;
        } catch (AssertionError e) {
            partErrors.add(e); // their cell-by-cell comparisons go with the parts' failure
            fail(what, e.getMessage());
        } catch (StudentCodeException e) {
            if (e.kind() == StudentCodeException.Kind.TIMEOUT) {
                partTimedOut = true;
            } else if (e.kind() != StudentCodeException.Kind.THREW) {
                throw e;
            }
            fail(what, e.getMessage() + (e.studentStackTrace().isEmpty() ? "" : "\n" + e.studentStackTrace()));
        } catch (Exception e) {
            fail(what, text("checking the result failed with ", "結果の確認中に例外: ") + e);
        }
    }

    @Override
    public synchronized void note(String text) {
        notes.add(text);
    }

    /** Return the notes added so far, in order. */
    synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    private void fail(String what, String message) {
        if (message != null && message.equals(lastFailure)) {
            failedParts.add("✗ " + what + "\n" + text("  (the same failure as above)", "  (上と同じ失敗)"));
        } else {
            failedParts.add("✗ " + what + "\n" + message);
        }
        lastFailure = message;
    }

    /** Return the failure to report when parts failed, or null. */
    AssertionError partsFailure() {
        if (failedParts.isEmpty()) {
            return null;
        }
        String head = text("Passed parts worth %s of %s; failed:", "部分点 %s / %s、失敗した部分:")
                .formatted(trim(passedWeight), trim(totalWeight));
        AssertionError failure = new AssertionError(head + "\n" + String.join("\n", failedParts));
        partErrors.forEach(failure::addSuppressed);
        return failure;
    }

    GradingRun.Credit credit() {
        return new GradingRun.Credit(totalWeight == 0 ? 0 : passedWeight / totalWeight, partTimedOut);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    @Override
    public void close() {
        manager.close();
    }
}
