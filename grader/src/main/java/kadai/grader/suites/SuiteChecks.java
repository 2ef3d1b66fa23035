package kadai.grader.suites;

import kadai.grader.api.Language;
import kadai.grader.property.Compare;
import kadai.grader.suite.GradingContext;

/**
 * What every suite's checks share: the student's and the reference's implementation (a facade or
 * a {@code StudentCode}), the test's context, the comparison and the student's language.
 *
 * <p>A suite's {@code *Checks} class extends it and holds the checks its tests repeat; a test
 * builds one per run ({@code new ConvChecks(student, reference, context)}).
 *
 * @param <A> how the implementations are reached: a facade interface or {@code StudentCode}
 */
public abstract class SuiteChecks<A> {

    protected final A student;
    protected final A reference;
    protected final GradingContext context;
    protected final Compare compare;
    protected final boolean ja;

    protected SuiteChecks(A student, A reference, GradingContext context) {
        this.student = student;
        this.reference = reference;
        this.context = context;
        this.compare = context.compare();
        this.ja = context.language() == Language.JA;
    }

    /** Return the comparison, worded in the student's language. */
    public final Compare compare() {
        return compare;
    }

    /** Pick the text in the student's language. */
    protected final String text(String en, String jaText) {
        return ja ? jaText : en;
    }
}
