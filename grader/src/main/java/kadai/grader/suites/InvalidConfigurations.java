package kadai.grader.suites;

import kadai.grader.api.StudentCodeException;

/**
 * Check that student code refuses an invalid configuration with {@code IllegalArgumentException}.
 *
 * <p>Shared by the conv-op, conv and pool suites: the contract asks every one of them to refuse
 * bad sizes the same way, so the feedback reads the same too. The rejection tests are structural:
 * besides the refusals they ask only that a valid configuration still works ({@link
 * #validStillWorks}), not that it agrees with the reference.
 */
public final class InvalidConfigurations {

    /** Where a refusal may come from, which the feedback names. */
    public enum Where {
        /** A static call (conv-op): the call itself must throw. */
        CALL,
        /** A layer: the constructor or the first forward may throw. */
        LAYER
    }

    private InvalidConfigurations() {}

    /**
     * Run {@code body} and pass when the student code threw {@code IllegalArgumentException};
     * fail with feedback naming {@code call} otherwise. A timeout or a runner failure is passed on
     * unchanged, so it is reported as what it is.
     */
    public static void mustBeRejected(String call, Where where, boolean japanese, Runnable body) {
        try {
            body.run();
        } catch (StudentCodeException e) {
            if (e.threw(IllegalArgumentException.class)) {
                return;
            }
            if (e.kind() != StudentCodeException.Kind.THREW) {
                throw e;
            }
            throw new AssertionError(call
                    + (japanese
                            ? " は IllegalArgumentException を投げるべきですが、代わりに: "
                            : " should throw IllegalArgumentException, but instead ")
                    + e.getMessage());
        }
        throw new AssertionError(call + returnedNormally(where, japanese));
    }

    /**
     * Run {@code body}, the checks of a valid configuration near a rejected one (it must return
     * normally, and its results depend on their inputs: an implementation that rejects everything,
     * or returns zeros, earns nothing here). Its values are the value tests' business, so a bug in
     * them costs nothing here. A failure says that the configuration, {@code valid}, was a valid one;
     * a timeout or a runner failure is passed on unchanged.
     */
    public static void validStillWorks(String valid, boolean japanese, Runnable body) {
        try {
            body.run();
        } catch (AssertionError | StudentCodeException e) {
            if (e instanceof StudentCodeException sce && sce.kind() != StudentCodeException.Kind.THREW) {
                throw sce;
            }
            String trace = e instanceof StudentCodeException sce
                            && !sce.studentStackTrace().isEmpty()
                    ? "\n" + sce.studentStackTrace()
                    : "";
            throw new AssertionError(
                    (japanese
                                    ? "不正な設定は拒否されましたが、同じくらいの大きさの正しい設定は計算できなければなりません (結果は入力に依存すること): "
                                    : "The invalid configuration was rejected, but a valid one of about the same size must be computed"
                                            + " (with results that depend on their inputs): ")
                            + valid + "\n" + e.getMessage() + trace,
                    e);
        }
    }

    private static String returnedNormally(Where where, boolean japanese) {
        if (where == Where.LAYER) {
            return japanese
                    ? " は不正な設定なので、コンストラクタか forward で IllegalArgumentException を投げるべきですが、正常に戻りました"
                    : " is an invalid configuration and should throw IllegalArgumentException (in the constructor or in forward),"
                            + " but it returned normally";
        }
        return japanese
                ? " は不正な設定なので IllegalArgumentException を投げるべきですが、正常に戻りました"
                : " is an invalid configuration and should throw IllegalArgumentException, but it returned normally";
    }
}
