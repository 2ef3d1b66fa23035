package kadai.grader.suites;

import kadai.grader.api.StudentCodeException;

/**
 * Check that student code refuses an invalid configuration with {@code IllegalArgumentException}.
 *
 * <p>Shared by the conv-op, conv and pool suites: the contract asks every one of them to refuse
 * bad sizes the same way, so the feedback reads the same too.
 */
public final class InvalidConfigurations {

    /** Where a refusal may come from, which the feedback names. */
    public enum Where {
        /** A static call (conv-op): the call itself must throw. */
        CALL,
        /** A layer: the constructor or the first forward may throw. */
        LAYER
    }

    private InvalidConfigurations() {
    }

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
            throw new AssertionError(call + (japanese ? " は IllegalArgumentException を投げるべきですが、代わりに: "
                    : " should throw IllegalArgumentException, but instead ") + e.getMessage());
        }
        throw new AssertionError(call + returnedNormally(where, japanese));
    }

    private static String returnedNormally(Where where, boolean japanese) {
        if (where == Where.LAYER) {
            return japanese
                    ? " は不正な設定なので、コンストラクタか forward で IllegalArgumentException を投げるべきですが、正常に戻りました"
                    : " is an invalid configuration and should throw IllegalArgumentException (in the constructor or in forward),"
                            + " but it returned normally";
        }
        return japanese ? " は不正な設定なので IllegalArgumentException を投げるべきですが、正常に戻りました"
                : " is an invalid configuration and should throw IllegalArgumentException, but it returned normally";
    }
}
