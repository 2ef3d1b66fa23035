package kadai.grader.property;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import kadai.assignments.testing.Tensors;

/**
 * Print small arrays as grids a student can compare by eye: the last two axes as a matrix, one
 * matrix per index of the leading axes ({@code [n=0, c=1]}), numbers aligned in columns.
 */
public final class TensorText {

    /** Arrays with more elements are summarised instead of printed. */
    public static final int MAX_PRINTED = kadai.grader.result.TensorDiff.MAX_ELEMENTS;

    private static final String[] AXIS_NAMES_4D = {"n", "c"};

    private TensorText() {}

    /** Render {@code x}, indented by {@code indent} spaces, ending with a newline. */
    public static String grid(NDArray x, int indent) {
        if (x == null) {
            return " ".repeat(indent) + "null\n";
        }
        return grid(Tensors.toDoubles(x), x.getShape(), indent, -1);
    }

    /** Render values of the given shape; mark the element at {@code highlight} (flat index) with '*'. */
    public static String grid(double[] values, Shape shape, int indent, long highlight) {
        String pad = " ".repeat(indent);
        if (values.length > MAX_PRINTED) {
            return pad + "(" + values.length + " elements, too many to print)\n";
        }
        long[] dims = shape.getShape();
        if (dims.length == 0) {
            return pad + number(values.length == 0 ? Double.NaN : values[0]) + "\n";
        }
        int rows = dims.length >= 2 ? (int) dims[dims.length - 2] : 1;
        int cols = (int) dims[dims.length - 1];
        int block = rows * cols;
        if (block == 0) {
            return pad + "(empty)\n";
        }
        int width = 1;
        for (double v : values) {
            width = Math.max(width, number(v).length());
        }
        StringBuilder out = new StringBuilder();
        int blocks = values.length / block;
        for (int b = 0; b < blocks; b++) {
            if (dims.length > 2) {
                out.append(pad).append(blockLabel(b, dims)).append('\n');
            }
            for (int r = 0; r < rows; r++) {
                out.append(pad).append(dims.length > 2 ? "  " : "");
                for (int c = 0; c < cols; c++) {
                    int i = b * block + r * cols + c;
                    String s = number(values[i]);
                    out.append(" ".repeat(width - s.length() + 1)).append(s).append(i == highlight ? '*' : ' ');
                }
                if (out.charAt(out.length() - 1) == ' ') {
                    out.setLength(out.length() - 1);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Label 2-D block {@code block} of an array of shape {@code dims}: {@code [n=0, c=1, :, :]}. */
    public static String blockLabel(int block, long[] dims) {
        int lead = dims.length - 2;
        long[] idx = new long[lead];
        long rest = block;
        for (int d = lead - 1; d >= 0; d--) {
            idx[d] = rest % dims[d];
            rest /= dims[d];
        }
        StringBuilder s = new StringBuilder("[");
        for (int d = 0; d < lead; d++) {
            if (d > 0) {
                s.append(", ");
            }
            s.append(lead == 2 ? AXIS_NAMES_4D[d] + "=" : "").append(idx[d]);
        }
        return s.append(", :, :]").toString();
    }

    /** Format one number compactly: integers without decimals, others with 4 significant digits. */
    public static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return v == 0 ? "0" : String.valueOf((long) v);
        }
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return String.valueOf(v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Render a shape the way students write it: {@code (2, 3, 4, 4)}. */
    public static String shape(Shape shape) {
        if (shape == null) {
            return "null";
        }
        StringBuilder s = new StringBuilder("(");
        long[] dims = shape.getShape();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
