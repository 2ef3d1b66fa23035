package kadai.reference.augment;

import static kadai.assignments.testing.Tensors.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Random;
import kadai.assignments.augment.Augment;
import kadai.assignments.augment.AugmentGolden;
import kadai.assignments.support.GoldenCases;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cross-check the reference {@link Augment} three ways: against PyTorch (the golden cases of
 * {@code reference/src/test/python/augment_golden.py}: grid_sample, torchvision's rotate and
 * affine), against DJL's native operations (flip, clip, pad and slice), and against exact
 * invariants: bilinear sampling reproduces a linear image exactly wherever the four neighbours
 * lie inside, so a rotated, scaled or sheared ramp is the ramp at the mapped coordinates, and
 * rotating back restores it.
 *
 * <p>Lecture notes §3.2 show pictures, not numbers, so the hand-computed examples of the
 * handout (run here through the starter kit's visible tests) stand in for worked examples; there
 * is no gradient in this assignment, so no finite differences.
 */
class AugmentCrossCheckTests {

    private NDManager manager;
    private Random random;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
        random = new Random(326);
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void everyGoldenCaseOfPyTorchAgreesToRounding() {
        List<GoldenCases.Case> cases = AugmentGolden.cases();
        assertThat(cases)
                .extracting(GoldenCases.Case::operation)
                .contains(
                        "rotate",
                        "scale",
                        "shear",
                        "affine",
                        "shift",
                        "flipHorizontal",
                        "flipVertical",
                        "crop",
                        "cutout",
                        "brightness");
        for (GoldenCases.Case c : cases) {
            NDArray x = manager.create(c.input(), new Shape(c.shape()));
            NDArray expected = manager.create(c.expected(), new Shape(c.outputShape()));
            assertClose(c.toString(), expected, AugmentGolden.apply(c, x), Cases.RTOL, Cases.ATOL);
        }
    }

    @Test
    void exactOperationsEqualDjlsNativeOnes() {
        for (int trial = 0; trial < 10; trial++) {
            int h = Cases.between(random, 1, 7);
            int w = Cases.between(random, 1, 7);
            NDArray x = Cases.normal(manager, random, Cases.between(random, 1, 3), Cases.between(random, 1, 3), h, w);
            assertClose("flipHorizontal", x.flip(3), Augment.flipHorizontal(x), 0, 0);
            assertClose("flipVertical", x.flip(2), Augment.flipVertical(x), 0, 0);
            assertClose("brightness", x.add(0.3).clip(-0.5, 0.7), Augment.brightness(x, 0.3, -0.5, 0.7), 0, 0);
            int dy = Cases.between(random, -h, h);
            int dx = Cases.between(random, -w, w);
            assertClose("shift(" + dy + ", " + dx + ")", nativeShift(x, dy, dx, h, w), Augment.shift(x, dy, dx), 0, 0);
            int top = Cases.between(random, 0, h - 1);
            int left = Cases.between(random, 0, w - 1);
            int ch = Cases.between(random, 1, h - top);
            int cw = Cases.between(random, 1, w - left);
            assertClose(
                    "crop",
                    x.get(":, :, {}:{}, {}:{}", top, top + ch, left, left + cw),
                    Augment.crop(x, top, left, ch, cw),
                    0,
                    0);
        }
    }

    /** Shift with DJL's pad and slice: pad by |d| on the side content moves away from, then cut the window. */
    private static NDArray nativeShift(NDArray x, int dy, int dx, int h, int w) {
        // Shape order of pad: last axis first (left, right), then the axis before it (top, bottom).
        NDArray padded = x.pad(new Shape(Math.max(dx, 0), Math.max(-dx, 0), Math.max(dy, 0), Math.max(-dy, 0)), 0);
        int top = Math.max(-dy, 0);
        int left = Math.max(-dx, 0);
        return padded.get(":, :, {}:{}, {}:{}", top, top + h, left, left + w);
    }

    @Test
    void geometricOperationsOfARampAreTheRampAtTheMappedPoint() {
        int h = 9;
        int w = 11;
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        NDArray ramp = ramp(h, w, 0.7, -0.4, 3);
        for (double degrees : new double[] {17, -33, 90, 145}) {
            double t = Math.toRadians(degrees);
            double c = Math.cos(t);
            double s = Math.sin(t);
            checkMapped("rotate " + degrees, Augment.rotate(ramp, degrees), h, w, (u, v) ->
                    new double[] {cx + c * (u - cx) - s * (v - cy), cy + s * (u - cx) + c * (v - cy)});
        }
        for (double f : new double[] {0.6, 1.3, 2.5}) {
            checkMapped("scale " + f, Augment.scale(ramp, f), h, w, (u, v) ->
                    new double[] {cx + (u - cx) / f, cy + (v - cy) / f});
        }
        for (double k : new double[] {0.25, -0.6}) {
            checkMapped("shear " + k, Augment.shear(ramp, k), h, w, (u, v) -> new double[] {u + k * (v - cy), v});
        }
    }

    @Test
    void rotatingBackRestoresTheInsideOfALinearImage() {
        int size = 13;
        double centre = (size - 1) / 2.0;
        NDArray ramp = ramp(size, size, -0.3, 0.8, 1);
        double[] expected = ramp.toDoubleArray();
        for (double degrees : new double[] {10, 37.5, -71}) {
            double[] back =
                    Augment.rotate(Augment.rotate(ramp, degrees), -degrees).toDoubleArray();
            int inside = 0;
            for (int v = 0; v < size; v++) {
                for (int u = 0; u < size; u++) {
                    // Both samplings keep their four neighbours inside within this radius.
                    if (Math.hypot(u - centre, v - centre) <= centre - 2 * Math.sqrt(2)) {
                        inside++;
                        assertThat(back[v * size + u])
                                .as("pixel (%d, %d) after rotate %s and back", u, v, degrees)
                                .isCloseTo(expected[v * size + u], org.assertj.core.data.Offset.offset(1e-12));
                    }
                }
            }
            assertThat(inside).isGreaterThan(20);
        }
    }

    @Test
    void ninetyDegreesOfASquareIsTheTransposeOfTheMirrorAndFourTurnsAreTheIdentity() {
        NDArray x = Cases.normal(manager, random, 2, 3, 6, 6);
        assertClose("rotate 90", Augment.flipHorizontal(x).transpose(0, 1, 3, 2), Augment.rotate(x, 90), 0, 1e-12);
        NDArray turned = x;
        for (int i = 0; i < 4; i++) {
            turned = Augment.rotate(turned, 90);
        }
        assertClose("four turns of 90", x, turned, 0, 1e-12);
        assertClose(
                "rotate 180 = both flips",
                Augment.flipVertical(Augment.flipHorizontal(x)),
                Augment.rotate(x, 180),
                0,
                1e-12);
    }

    @Test
    void namedOperationsAreTheirAffineMatrices() {
        NDArray x = Cases.normal(manager, random, 1, 2, 5, 7);
        double cx = 3;
        double cy = 2;
        double t = Math.toRadians(23);
        double c = Math.cos(t);
        double s = Math.sin(t);
        assertClose(
                "rotate = affine",
                Augment.affine(x, new double[] {c, -s, cx - c * cx + s * cy, s, c, cy - s * cx - c * cy}),
                Augment.rotate(x, 23),
                0,
                1e-12);
        assertClose(
                "scale = affine",
                Augment.affine(x, new double[] {0.8, 0, cx - 0.8 * cx, 0, 0.8, cy - 0.8 * cy}),
                Augment.scale(x, 1.25),
                0,
                1e-12);
        assertClose(
                "shear = affine",
                Augment.affine(x, new double[] {1, 0.4, -0.4 * cy, 0, 1, 0}),
                Augment.shear(x, 0.4),
                0,
                1e-12);
        assertClose(
                "shift = affine", Augment.affine(x, new double[] {1, 0, 2, 0, 1, -1}), Augment.shift(x, 1, -2), 0, 0);
    }

    /** A (1, 1, h, w) image whose pixel (u, v) is a u + b v + c. */
    private NDArray ramp(int h, int w, double a, double b, double c) {
        double[] values = new double[h * w];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                values[v * w + u] = a * u + b * v + c;
            }
        }
        return manager.create(values, new Shape(1, 1, h, w));
    }

    private interface Mapping {
        double[] at(double u, double v);
    }

    /** Where a mapped point keeps its four neighbours inside, the result must be the ramp there. */
    private static void checkMapped(String what, NDArray result, int h, int w, Mapping mapping) {
        double[] out = result.toDoubleArray();
        int checked = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                double[] p = mapping.at(u, v);
                if (p[0] >= 0 && p[0] <= w - 1 && p[1] >= 0 && p[1] <= h - 1) {
                    checked++;
                    assertThat(out[v * w + u])
                            .as("%s at (%d, %d)", what, u, v)
                            .isCloseTo(0.7 * p[0] - 0.4 * p[1] + 3, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        assertThat(checked).as("%s: pixels checked", what).isGreaterThan(10);
    }
}
