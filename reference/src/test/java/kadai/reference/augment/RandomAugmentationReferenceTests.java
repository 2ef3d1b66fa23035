package kadai.reference.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import kadai.assignments.Layer;
import kadai.assignments.augment.RandomAugmentation;
import kadai.assignments.augment.RandomAugmentation.Draw;
import kadai.assignments.augment.RandomAugmentation.Policy;
import kadai.reference.Cases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Check the reference {@link RandomAugmentation}: its draws against the handout's pseudo-code
 * written out independently here, the frequencies of the operations against the policy's
 * probabilities, and its provided records against the stub's (the reference carries copies).
 */
class RandomAugmentationReferenceTests {

    private static final Policy EVERYTHING = Policy.none()
            .withFlipHorizontal(0.3)
            .withFlipVertical(0.6)
            .withScale(0.4, 0.7, 1.4)
            .withRotate(0.5, 30)
            .withShear(0.7, 0.4)
            .withShift(0.2, 3)
            .withBrightness(0.9, 0.25, 0, 1)
            .withCutout(0.45, 4);

    private NDManager manager;

    @BeforeEach
    void openManager() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** The handout's order of draws, written from its text. */
    private static Draw handoutDraw(SplittableRandom r, Policy p, int h, int w) {
        boolean flipH = r.nextDouble() < p.flipHorizontal();
        boolean flipV = r.nextDouble() < p.flipVertical();
        double factor =
                r.nextDouble() < p.scale() ? p.minFactor() + (p.maxFactor() - p.minFactor()) * r.nextDouble() : 1;
        double degrees = r.nextDouble() < p.rotate() ? p.maxDegrees() * (2 * r.nextDouble() - 1) : 0;
        double shear = r.nextDouble() < p.shear() ? p.maxShear() * (2 * r.nextDouble() - 1) : 0;
        int sy = 0;
        int sx = 0;
        if (r.nextDouble() < p.shift()) {
            sy = r.nextInt(2 * p.maxShift() + 1) - p.maxShift();
            sx = r.nextInt(2 * p.maxShift() + 1) - p.maxShift();
        }
        double delta = r.nextDouble() < p.brightness() ? p.maxDelta() * (2 * r.nextDouble() - 1) : 0;
        if (r.nextDouble() < p.cutout()) {
            int top = r.nextInt(h) - p.cutoutSize() / 2;
            int left = r.nextInt(w) - p.cutoutSize() / 2;
            return new Draw(flipH, flipV, factor, degrees, shear, sy, sx, delta, top, left, p.cutoutSize());
        }
        return new Draw(flipH, flipV, factor, degrees, shear, sy, sx, delta, 0, 0, 0);
    }

    @Test
    void drawsFollowTheHandoutsOrderAcrossCalls() {
        RandomAugmentation augmentation = new RandomAugmentation(EVERYTHING, 2026);
        SplittableRandom r = new SplittableRandom(2026);
        for (int call = 0; call < 3; call++) {
            int h = 5 + call;
            augmentation.apply(Cases.normal(manager, new Random(call), 7, 2, h, 6));
            List<Draw> expected = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                expected.add(handoutDraw(r, EVERYTHING, h, 6));
            }
            assertThat(augmentation.lastDraws()).as("draws of call %d", call).isEqualTo(expected);
        }
    }

    @Test
    void operationsAppearWithThePolicysProbabilitiesAndStayInTheirRanges() {
        int n = 3000;
        RandomAugmentation augmentation = new RandomAugmentation(EVERYTHING, 7);
        augmentation.apply(manager.zeros(new Shape(n, 1, 4, 5), ai.djl.ndarray.types.DataType.FLOAT64));
        List<Draw> draws = augmentation.lastDraws();
        assertThat(draws).hasSize(n);
        frequency(
                "flipHorizontal", draws.stream().filter(Draw::flipHorizontal).count(), n, EVERYTHING.flipHorizontal());
        frequency("flipVertical", draws.stream().filter(Draw::flipVertical).count(), n, EVERYTHING.flipVertical());
        frequency("scale", draws.stream().filter(d -> d.factor() != 1).count(), n, EVERYTHING.scale());
        frequency("rotate", draws.stream().filter(d -> d.degrees() != 0).count(), n, EVERYTHING.rotate());
        frequency("shear", draws.stream().filter(d -> d.shearX() != 0).count(), n, EVERYTHING.shear());
        frequency("brightness", draws.stream().filter(d -> d.delta() != 0).count(), n, EVERYTHING.brightness());
        frequency("cutout", draws.stream().filter(d -> d.cutoutSize() != 0).count(), n, EVERYTHING.cutout());
        // A shift of (0, 0) is drawn 1/49 of the time: count the draws that moved, scaled up.
        frequency(
                "shift",
                Math.round(draws.stream()
                                .filter(d -> d.shiftY() != 0 || d.shiftX() != 0)
                                .count()
                        * 49
                        / 48.0),
                n,
                EVERYTHING.shift());
        for (Draw d : draws) {
            assertThat(d.factor()).isBetween(0.7, 1.4);
            assertThat(d.degrees()).isBetween(-30.0, 30.0);
            assertThat(d.shearX()).isBetween(-0.4, 0.4);
            assertThat(d.shiftY()).isBetween(-3, 3);
            assertThat(d.shiftX()).isBetween(-3, 3);
            assertThat(d.delta()).isBetween(-0.25, 0.25);
            if (d.cutoutSize() != 0) {
                assertThat(d.cutoutSize()).isEqualTo(4);
                assertThat(d.cutoutTop()).isBetween(-2, 1);
                assertThat(d.cutoutLeft()).isBetween(-2, 2);
            }
        }
        assertThat(draws.stream().mapToInt(Draw::shiftY).distinct().count())
                .as("shift rows drawn")
                .isEqualTo(7);
    }

    /** Fail unless {@code count} of {@code n} is within 5 standard deviations of {@code n p}. */
    private static void frequency(String what, long count, int n, double p) {
        double sigma = Math.sqrt(n * p * (1 - p));
        assertThat((double) count)
                .as("%s drawn %d times of %d with probability %s", what, count, n, p)
                .isBetween(n * p - 5 * sigma, n * p + 5 * sigma);
    }

    @Test
    void aPolicyOutsideItsRangesIsRefused() {
        assertThatThrownBy(() -> Policy.none().withFlipHorizontal(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Policy.none().withScale(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Policy.none().withScale(1, 1.2, 1.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Policy.none().withRotate(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Policy.none().withShift(1, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Policy.none().withBrightness(1, 0.1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomAugmentation(null, 1)).isInstanceOf(NullPointerException.class);
        NDArray threeD = manager.zeros(new Shape(2, 3, 3));
        assertThatThrownBy(() -> new RandomAugmentation(Policy.none(), 1).apply(threeD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProvidedRecordsAreTheStubsOwn() throws Exception {
        URL stubs = Layer.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {stubs}, ClassLoader.getPlatformClassLoader())) {
            for (Class<?> reference : new Class<?>[] {Policy.class, Draw.class}) {
                Class<?> stub = Class.forName(reference.getName(), false, loader);
                assertThat(stub.getProtectionDomain().getCodeSource().getLocation())
                        .isEqualTo(stubs);
                assertThat(describe(stub.getRecordComponents()))
                        .as("components of %s", reference.getSimpleName())
                        .isEqualTo(describe(reference.getRecordComponents()));
                assertThat(methods(stub))
                        .as("methods of %s", reference.getSimpleName())
                        .isEqualTo(methods(reference));
            }
        }
    }

    private static List<String> describe(RecordComponent[] components) {
        return Arrays.stream(components)
                .map(c -> c.getType().getName() + " " + c.getName())
                .toList();
    }

    private static List<String> methods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .map(Method::toGenericString)
                .map(s -> s.replace("$", "."))
                .sorted()
                .toList();
    }
}
