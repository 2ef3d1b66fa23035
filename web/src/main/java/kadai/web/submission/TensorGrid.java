package kadai.web.submission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kadai.grader.property.TensorText;
import kadai.grader.result.TensorDiff;

/**
 * Lay out a failed array comparison for the result page: expected and actual as grids (the last
 * two axes as a matrix, one matrix per index of the leading axes, as the text feedback prints
 * them), each cell knowing whether it differs beyond the tolerance.
 *
 * @param label what was compared
 * @param shape the shape as students write it, {@code (2, 3)}
 * @param differing how many cells differ
 * @param total how many cells there are
 * @param expected the expected values' blocks
 * @param actual the student's values' blocks, the same cells marked
 */
public record TensorGrid(
        String label, String shape, int differing, int total, List<Block> expected, List<Block> actual) {

    /** One matrix: the leading indices ({@code [n=0, c=1, :, :]}, empty for rank ≤ 2) and its rows. */
    public record Block(String heading, List<List<Cell>> rows) {}

    /** One number and whether it differs from the other side beyond the tolerance. */
    public record Cell(String text, boolean differs) {}

    /** Lay out {@code diff}. */
    public static TensorGrid of(TensorDiff diff) {
        long[] dims = diff.shape().stream().mapToLong(Long::longValue).toArray();
        Set<Integer> bad = new HashSet<>(diff.differing());
        return new TensorGrid(
                diff.label(),
                shape(dims),
                bad.size(),
                diff.expected().size(),
                blocks(diff.expected(), dims, bad),
                blocks(diff.actual(), dims, bad));
    }

    private static List<Block> blocks(List<Double> values, long[] dims, Set<Integer> bad) {
        List<Block> out = new ArrayList<>();
        if (dims.length == 0) {
            out.add(new Block("", List.of(List.of(cell(values, 0, bad)))));
            return out;
        }
        int rows = dims.length >= 2 ? (int) dims[dims.length - 2] : 1;
        int cols = (int) dims[dims.length - 1];
        int block = rows * cols;
        if (block == 0) {
            return out;
        }
        for (int b = 0; b < values.size() / block; b++) {
            List<List<Cell>> grid = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<Cell> row = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    row.add(cell(values, b * block + r * cols + c, bad));
                }
                grid.add(row);
            }
            out.add(new Block(dims.length > 2 ? TensorText.blockLabel(b, dims) : "", grid));
        }
        return out;
    }

    private static Cell cell(List<Double> values, int i, Set<Integer> bad) {
        Double v = values.get(i);
        return new Cell(v == null ? "NaN" : TensorText.number(v), bad.contains(i));
    }

    private static String shape(long[] dims) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : ", ").append(dims[i]);
        }
        return s.append(dims.length == 1 ? ",)" : ")").toString();
    }
}
