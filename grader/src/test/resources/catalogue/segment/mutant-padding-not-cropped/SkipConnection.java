package kadai.assignments.segment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/*
 * Part of catalogue entry "mutant-padding-not-cropped" (segment): this class is right.
 */
public final class SkipConnection {

    private SkipConnection() {
    }

    public static NDArray concat(NDArray skip, NDArray up) {
        long[] s = skip.getShape().getShape();
        long[] u = up.getShape().getShape();
        check(s, u);
        int n = (int) s[0], cs = (int) s[1], hs = (int) s[2], ws = (int) s[3];
        int cu = (int) u[1], hu = (int) u[2], wu = (int) u[3];
        int top = (hs - hu) / 2, left = (ws - wu) / 2;
        double[] sv = skip.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] uv = up.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] out = new double[n * (cs + cu) * hu * wu];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cs + cu; c++) {
                for (int r = 0; r < hu; r++) {
                    for (int q = 0; q < wu; q++) {
                        out[((i * (cs + cu) + c) * hu + r) * wu + q] = c < cs
                                ? sv[((i * cs + c) * hs + top + r) * ws + left + q]
                                : uv[((i * cu + c - cs) * hu + r) * wu + q];
                    }
                }
            }
        }
        return up.getManager().create(out, new Shape(n, cs + cu, hu, wu)).toType(up.getDataType(), false);
    }

    public static NDList backward(NDArray dout, Shape skipShape, Shape upShape) {
        long[] s = skipShape.getShape();
        long[] u = upShape.getShape();
        check(s, u);
        int n = (int) s[0], cs = (int) s[1], hs = (int) s[2], ws = (int) s[3];
        int cu = (int) u[1], hu = (int) u[2], wu = (int) u[3];
        if (!dout.getShape().equals(new Shape(n, cs + cu, hu, wu))) {
            throw new IllegalArgumentException("dout " + dout.getShape() + " is not concat's output shape");
        }
        int top = (hs - hu) / 2, left = (ws - wu) / 2;
        double[] d = dout.toType(DataType.FLOAT64, false).toDoubleArray();
        double[] dskip = new double[n * cs * hs * ws];
        double[] dup = new double[n * cu * hu * wu];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < cs + cu; c++) {
                for (int r = 0; r < hu; r++) {
                    for (int q = 0; q < wu; q++) {
                        double g = d[((i * (cs + cu) + c) * hu + r) * wu + q];
                        if (c < cs) {
                            dskip[((i * cs + c) * hs + top + r) * ws + left + q] = g;
                        } else {
                            dup[((i * cu + c - cs) * hu + r) * wu + q] = g;
                        }
                    }
                }
            }
        }
        return new NDList(dout.getManager().create(dskip, skipShape).toType(dout.getDataType(), false),
                dout.getManager().create(dup, upShape).toType(dout.getDataType(), false));
    }

    private static void check(long[] s, long[] u) {
        if (s.length != 4 || u.length != 4 || s[0] != u[0] || s[2] < u[2] || s[3] < u[3]) {
            throw new IllegalArgumentException("skip " + java.util.Arrays.toString(s) + " does not fit up "
                    + java.util.Arrays.toString(u));
        }
    }
}
