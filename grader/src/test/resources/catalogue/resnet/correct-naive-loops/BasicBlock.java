package kadai.assignments.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import kadai.assignments.Layer;

import java.util.LinkedHashMap;
import java.util.Map;

/*
 * Catalogue entry "correct-naive-loops" (resnet).
 *
 * Right: the ReLUs, their masks and the sum of the branch gradients written as loops over
 * toDoubleArray(); the pre-activation signs kept as boolean arrays.
 *
 * Full marks.
 */
public class BasicBlock implements Layer {

    private final Layer conv1;
    private final Layer conv2;
    private final Layer shortcut;
    private boolean[] hiddenPositive;
    private boolean[] outputPositive;

    public BasicBlock(Layer conv1, Layer conv2, Layer shortcut) {
        this.conv1 = conv1;
        this.conv2 = conv2;
        this.shortcut = shortcut;
    }

    @Override
    public NDArray forward(NDArray x) {
        NDArray h = conv1.forward(x);
        hiddenPositive = positive(h);
        NDArray residual = conv2.forward(masked(h, hiddenPositive));
        double[] r = values(residual);
        double[] s = values(shortcut == null ? x : shortcut.forward(x));
        double[] z = new double[r.length];
        for (int i = 0; i < z.length; i++) {
            z[i] = r[i] + s[i];
        }
        NDArray sum = residual.getManager().create(z, residual.getShape()).toType(x.getDataType(), false);
        outputPositive = positive(sum);
        return masked(sum, outputPositive);
    }

    @Override
    public NDArray backward(NDArray dout) {
        NDArray dz = masked(dout, outputPositive);
        NDArray dx = conv1.backward(masked(conv2.backward(dz), hiddenPositive));
        double[] a = values(dx);
        double[] b = values(shortcut == null ? dz : shortcut.backward(dz));
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return dx.getManager().create(a, dx.getShape()).toType(dout.getDataType(), false);
    }

    @Override
    public Map<String, NDArray> params() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        conv1.params().forEach((k, v) -> all.put("conv1." + k, v));
        conv2.params().forEach((k, v) -> all.put("conv2." + k, v));
        if (shortcut != null) {
            shortcut.params().forEach((k, v) -> all.put("shortcut." + k, v));
        }
        return all;
    }

    @Override
    public Map<String, NDArray> grads() {
        Map<String, NDArray> all = new LinkedHashMap<>();
        conv1.grads().forEach((k, v) -> all.put("conv1." + k, v));
        conv2.grads().forEach((k, v) -> all.put("conv2." + k, v));
        if (shortcut != null) {
            shortcut.grads().forEach((k, v) -> all.put("shortcut." + k, v));
        }
        return all;
    }

    static double[] values(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static boolean[] positive(NDArray a) {
        double[] v = values(a);
        boolean[] p = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            p[i] = v[i] > 0;
        }
        return p;
    }

    static NDArray masked(NDArray a, boolean[] keep) {
        double[] v = values(a);
        for (int i = 0; i < v.length; i++) {
            if (!keep[i]) {
                v[i] = 0;
            }
        }
        return a.getManager().create(v, a.getShape()).toType(a.getDataType(), false);
    }
}
