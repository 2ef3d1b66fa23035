package kadai.grader.property;

import ai.djl.ndarray.NDManager;

/**
 * Check a property on one case; throw {@link AssertionError} (or let the student's exception
 * through) when it does not hold.
 *
 * @param <T> the case type
 */
@FunctionalInterface
public interface CaseCheck<T> {

    /** Check {@code c}; {@code manager} is closed after the case, so arrays need no cleanup. */
    void check(T c, NDManager manager) throws Exception;
}
