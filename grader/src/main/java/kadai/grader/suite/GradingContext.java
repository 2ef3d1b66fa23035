package kadai.grader.suite;

import ai.djl.ndarray.NDManager;
import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.property.Gen;
import kadai.grader.property.PropertyCheck;

/**
 * Give a graded test what it needs besides the implementations: its seed, the student's
 * language, an array manager, the property harness and partial credit.
 *
 * <p>Injected as a parameter of any {@link Graded} method. Everything random in a test must come
 * from {@link #seed()} (or {@link #forAll}), so that {@code kadai grade --seed N} reproduces it.
 */
public interface GradingContext {

    /** Return this test's seed, derived from the run's seed and the test's id. */
    long seed();

    /** Return the seed of the whole grading run, the one a student passes to {@code --seed}. */
    long runSeed();

    /** Return {@code en} or {@code ja}. */
    Language language();

    /** Pick the text in the student's language. */
    default String text(String en, String ja) {
        return language() == Language.JA && ja != null && !ja.isEmpty() ? ja : en;
    }

    /** Return the array comparison, worded in the student's language. */
    default Compare compare() {
        return Compare.in(language());
    }

    /** Return a manager for the test's arrays; it is closed when the test ends. */
    NDManager manager();

    /** Start a property check over generated cases, seeded from {@link #seed()}. */
    <T> PropertyCheck<T> forAll(Gen<T> gen);

    /**
     * Run one part of the test and record its outcome instead of failing at once: a test with
     * parts earns {@code points * (weight of passed parts) / (weight of all parts)} and fails,
     * listing every failed part, when any part failed. Failed assertions and exceptions of the
     * student code are recorded; a missing class or a dead runner still ends the test.
     */
    void part(double weight, String what, Check body);

    /**
     * Add a sentence to this test's feedback, shown whether the test passes or fails (each text
     * once): what the grader did on the student's behalf, e.g. that a gradient was found under
     * another key than the contract's.
     */
    void note(String text);

    /** A piece of a test that may fail. */
    @FunctionalInterface
    interface Check {
        void run() throws Exception;
    }
}
