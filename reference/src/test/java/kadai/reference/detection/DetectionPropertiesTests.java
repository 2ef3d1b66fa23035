package kadai.reference.detection;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import kadai.assignments.detection.Anchors;
import kadai.assignments.detection.Boxes;
import kadai.assignments.detection.RoiAlign;
import kadai.assignments.detection.RoiPool;
import kadai.assignments.testing.GradientCheck;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reference detection classes against the algebra the graded suite relies on: IoU's symmetry and
 * invariances, decode(encode(t)) = t, NMS's defining properties, RoI Align's linearity and adjoint
 * backward, finite differences for both RoI operations, and the anchor grid's geometry.
 */
class DetectionPropertiesTests {

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(20261206);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private NDArray boxes(int k) {
        double[] v = new double[4 * k];
        for (int i = 0; i < k; i++) {
            double x = random.nextDouble() * 20;
            double y = random.nextDouble() * 20;
            v[4 * i] = x;
            v[4 * i + 1] = y;
            v[4 * i + 2] = x + 0.5 + random.nextDouble() * 8;
            v[4 * i + 3] = y + 0.5 + random.nextDouble() * 8;
        }
        return manager.create(v, new Shape(k, 4));
    }

    @Test
    void iouIsSymmetricBoundedOneOnTheDiagonalAndInvariantToTranslation() {
        for (int trial = 0; trial < 20; trial++) {
            NDArray a = boxes(1 + random.nextInt(6));
            NDArray b = boxes(1 + random.nextInt(6));
            NDArray iou = Boxes.iou(a, b);
            assertClose("symmetric", iou.transpose(), Boxes.iou(b, a), 1e-15, 0);
            assertThat(iou.min().getDouble()).isGreaterThanOrEqualTo(0);
            assertThat(iou.max().getDouble()).isLessThanOrEqualTo(1);
            assertClose(
                    "diagonal",
                    manager.ones(new Shape(a.getShape().get(0)), DataType.FLOAT64),
                    Boxes.iou(a, a).diagonal(),
                    1e-15,
                    0);
            NDArray shift = manager.create(new double[] {3.25, -7.5, 3.25, -7.5});
            assertClose("translated", iou, Boxes.iou(a.add(shift), b.add(shift)), 1e-9, 1e-12);
        }
    }

    @Test
    void decodeInvertsEncodeForEveryWeighting() {
        for (double[] weights : new double[][] {{1, 1, 1, 1}, {10, 10, 5, 5}, {2, 3, 0.5, 1.5}}) {
            NDArray anchors = boxes(12);
            NDArray targets = boxes(12);
            assertClose(
                    "decode(encode(t))",
                    targets,
                    Boxes.decode(anchors, Boxes.encode(anchors, targets, weights), weights),
                    1e-12,
                    1e-12);
        }
    }

    @Test
    void decodeClampsTheScaleAtLogOf1000Over16AfterTheWeights() {
        NDArray anchor = manager.create(new double[] {0, 0, 10, 10}, new Shape(1, 4));
        NDArray decoded = Boxes.decode(
                anchor, manager.create(new double[] {0, 0, 50, 50}, new Shape(1, 4)), new double[] {10, 10, 5, 5});
        // tw / ww = 10 > log(62.5): the box is 62.5 times the anchor.
        assertClose(
                "clamped",
                manager.create(new double[] {5 - 312.5, 5 - 312.5, 5 + 312.5, 5 + 312.5}, new Shape(1, 4)),
                decoded,
                1e-12,
                1e-12);
    }

    @Test
    void nmsKeepsASubsetInScoreOrderWithoutOverlapsAndEveryDroppedBoxHasAKeptSuppressor() {
        for (int trial = 0; trial < 30; trial++) {
            int k = 1 + random.nextInt(25);
            NDArray b = boxes(k);
            double[] s = new double[k];
            for (int i = 0; i < k; i++) {
                s[i] = random.nextInt(4) * 0.25 + (trial % 2 == 0 ? random.nextDouble() * 0.01 : 0);
            }
            double threshold = 0.1 + random.nextDouble() * 0.7;
            int[] keep = Boxes.nms(b, manager.create(s), threshold);
            double[] iou = Boxes.iou(b, b).toDoubleArray();
            Set<Integer> kept = new HashSet<>();
            for (int n = 0; n < keep.length; n++) {
                int i = keep[n];
                assertThat(kept.add(i)).as("no index twice").isTrue();
                if (n > 0) {
                    int prev = keep[n - 1];
                    assertThat(s[prev] > s[i] || (s[prev] == s[i] && prev < i))
                            .as("score order, ties by index")
                            .isTrue();
                }
                for (int m = 0; m < n; m++) {
                    assertThat(iou[keep[m] * k + i]).isLessThanOrEqualTo(threshold);
                }
            }
            for (int j = 0; j < k; j++) {
                if (kept.contains(j)) {
                    continue;
                }
                boolean suppressed = false;
                for (int i : keep) {
                    boolean above = s[i] > s[j] || (s[i] == s[j] && i < j);
                    suppressed |= above && iou[i * k + j] > threshold;
                }
                assertThat(suppressed)
                        .as("dropped box %d overlaps a kept box above it", j)
                        .isTrue();
            }
        }
    }

    @Test
    void batchedNmsNeverLetsClassesSuppressEachOther() {
        NDArray b = manager.create(new double[] {0, 0, 10, 10, 0, 0, 10, 10, 0, 0, 10, 10}, new Shape(3, 4));
        NDArray s = manager.create(new double[] {0.5, 0.9, 0.7});
        assertThat(Boxes.batchedNms(b, s, new int[] {0, 1, 2}, 0.5)).containsExactly(1, 2, 0);
        assertThat(Boxes.batchedNms(b, s, new int[] {0, 1, 0}, 0.5)).containsExactly(1, 2);
        assertThat(Boxes.nms(b, s, 0.5)).containsExactly(1);
        assertThat(Boxes.nms(b.get("0:0"), manager.create(new double[0]), 0.5)).isEmpty();
    }

    @Test
    void anchorGridFollowsTheContractsOrderCentresAndShapes() {
        NDArray features = manager.zeros(new Shape(2, 3, 2, 3), DataType.FLOAT32);
        double[] sizes = {16, 32};
        double[] ratios = {0.5, 1, 2};
        NDArray grid = Anchors.grid(features, 16, sizes, ratios);
        assertThat(grid.getShape()).isEqualTo(new Shape(2 * 3 * 3 * 2, 4));
        assertThat(grid.getDataType()).isEqualTo(DataType.FLOAT32);
        double[] g = grid.toType(DataType.FLOAT64, false).toDoubleArray();
        int row = 0;
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                for (double ratio : ratios) {
                    for (double size : sizes) {
                        double w = g[4 * row + 2] - g[4 * row];
                        double h = g[4 * row + 3] - g[4 * row + 1];
                        assertThat((g[4 * row] + g[4 * row + 2]) / 2).isCloseTo((x + 0.5) * 16, within(1e-4));
                        assertThat((g[4 * row + 1] + g[4 * row + 3]) / 2).isCloseTo((y + 0.5) * 16, within(1e-4));
                        assertThat(h / w).isCloseTo(ratio, within(1e-5));
                        assertThat(w * h).isCloseTo(size * size, within(1e-2));
                        row++;
                    }
                }
            }
        }
    }

    @Test
    void roiAlignIsLinearInTheFeaturesAndBackwardIsItsAdjoint() {
        for (int trial = 0; trial < 10; trial++) {
            RoiAlign align = new RoiAlign(
                    1 + random.nextInt(3),
                    1 + random.nextInt(3),
                    trial % 2 == 0 ? 1.0 : 0.5,
                    random.nextInt(4) - 1,
                    trial % 3 == 0);
            NDArray f = Cases.normal(manager, random, 2, 2, 5, 6);
            NDArray g = Cases.normal(manager, random, 2, 2, 5, 6);
            NDArray rois = rois(4, 2, 5, 6, trial % 2 == 0 ? 1.0 : 0.5);
            NDArray y = align.forward(f, rois);
            assertClose(
                    "linear",
                    y.mul(2).add(align.forward(g, rois).mul(-3)),
                    align.forward(f.mul(2).sub(g.mul(3)), rois),
                    1e-9,
                    1e-12);
            NDArray dout = Cases.normal(manager, random, y.getShape().getShape());
            align.forward(f, rois);
            NDArray dx = align.backward(dout);
            assertThat(y.mul(dout).sum().getDouble()).isCloseTo(f.mul(dx).sum().getDouble(), within(1e-9));
        }
    }

    @Test
    void bothBackwardsMatchFiniteDifferences() {
        for (int trial = 0; trial < 6; trial++) {
            NDArray f = Cases.distinct(manager, random, 1, 2, 4, 5);
            NDArray rois = rois(3, 1, 4, 5, 1.0);
            int sampling = trial % 3;
            boolean aligned = trial % 2 == 0;
            RoiAlign align = new RoiAlign(2, 2, 1.0, sampling, aligned);
            NDArray dout = Cases.normal(manager, random, 3, 2, 2, 2);
            align.forward(f, rois);
            assertThat(GradientCheck.relativeError(
                            align.backward(dout),
                            GradientCheck.numericalGradient(
                                    x -> new RoiAlign(2, 2, 1.0, sampling, aligned).forward(x, rois), f, dout)))
                    .isLessThan(1e-8);
            RoiPool pool = new RoiPool(2, 2, 1.0);
            pool.forward(f, rois);
            assertThat(GradientCheck.relativeError(
                            pool.backward(dout),
                            GradientCheck.numericalGradient(x -> new RoiPool(2, 2, 1.0).forward(x, rois), f, dout)))
                    .isLessThan(1e-8);
        }
    }

    @Test
    void permutingTheRoisPermutesTheOutputs() {
        NDArray f = Cases.normal(manager, random, 2, 3, 6, 6);
        NDArray rois = rois(5, 2, 6, 6, 0.5);
        NDArray order = manager.create(new int[] {3, 0, 4, 1, 2});
        RoiAlign align = new RoiAlign(2, 3, 0.5, 2, true);
        RoiPool pool = new RoiPool(3, 2, 0.5);
        assertClose("align", align.forward(f, rois).get(order), align.forward(f, rois.get(order)), 0, 0);
        assertClose("pool", pool.forward(f, rois).get(order), pool.forward(f, rois.get(order)), 0, 0);
    }

    @Test
    void float32FeaturesGiveFloat32Results() {
        NDArray f = Cases.normal(manager, random, 1, 2, 4, 4).toType(DataType.FLOAT32, false);
        NDArray rois = manager.create(new double[] {0, 0, 0, 3, 3}, new Shape(1, 5));
        RoiAlign align = new RoiAlign(2, 2, 1.0, 2, false);
        assertThat(align.forward(f, rois).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(align.backward(manager.ones(new Shape(1, 2, 2, 2), DataType.FLOAT32))
                        .getDataType())
                .isEqualTo(DataType.FLOAT32);
        NDArray b32 = boxes(3).toType(DataType.FLOAT32, false);
        assertThat(Boxes.iou(b32, b32).getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(Boxes.encode(b32, b32, new double[] {1, 1, 1, 1}).getDataType())
                .isEqualTo(DataType.FLOAT32);
        assertThat(Boxes.decode(b32, b32, new double[] {1, 1, 1, 1}).getDataType())
                .isEqualTo(DataType.FLOAT32);
    }

    @Test
    void invalidArgumentsAreRejectedWithTheirName() {
        NDArray b = boxes(2);
        assertThatThrownBy(() -> Boxes.area(b.reshape(4, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(K, 4)");
        assertThatThrownBy(() -> Boxes.encode(b, boxes(3), new double[] {1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Boxes.encode(b, b, new double[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weights");
        assertThatThrownBy(() -> Boxes.nms(b, manager.create(new double[] {1, 2, 3}), 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Boxes.batchedNms(b, manager.create(new double[] {1, 2}), new int[] {0}, 0.5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Anchors.match(manager.zeros(new Shape(3, 2)), 0.3, 0.7))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Anchors.match(manager.zeros(new Shape(3, 0)), 0.7, 0.3)).containsExactly(-1, -1, -1);
        assertThatThrownBy(() -> Anchors.grid(manager.zeros(new Shape(2, 2)), 8, new double[] {8}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoiPool(0, 2, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoiAlign(2, 2, 0, 1, true)).isInstanceOf(IllegalArgumentException.class);
        NDArray f = manager.zeros(new Shape(1, 1, 4, 4), DataType.FLOAT64);
        assertThatThrownBy(() -> new RoiAlign(2, 2, 1, 1, true)
                        .forward(f, manager.create(new double[] {1, 0, 0, 2, 2}, new Shape(1, 5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch index");
        assertThatThrownBy(() -> new RoiPool(2, 2, 1).backward(f)).isInstanceOf(IllegalStateException.class);
    }

    /** Return {@code k} RoIs over images of {@code n} feature maps {@code h x w} at {@code scale}, partly outside. */
    private NDArray rois(int k, int n, int h, int w, double scale) {
        double[] v = new double[5 * k];
        for (int i = 0; i < k; i++) {
            double x = (random.nextDouble() * 1.2 - 0.1) * w / scale;
            double y = (random.nextDouble() * 1.2 - 0.1) * h / scale;
            v[5 * i] = random.nextInt(n);
            v[5 * i + 1] = x;
            v[5 * i + 2] = y;
            v[5 * i + 3] = x + random.nextDouble() * w / scale;
            v[5 * i + 4] = y + random.nextDouble() * h / scale;
        }
        return manager.create(v, new Shape(k, 5));
    }
}
