package kadai.grader.property;

import kadai.grader.result.TensorDiff;

/**
 * A failed comparison of two arrays: the message a student reads, plus the cell-by-cell
 * comparison (null when the arrays are too large to record) for results that mark the cells.
 */
public final class TensorMismatch extends AssertionError implements TensorDiff.Carrier {
    private static final long serialVersionUID = 1L;

    private final transient TensorDiff diff;

    TensorMismatch(String message, TensorDiff diff) {
        super(message);
        this.diff = diff;
    }

    @Override
    public TensorDiff tensorDiff() {
        return diff;
    }
}
