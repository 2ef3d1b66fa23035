package kadai.grader.suites.pix2pix;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;
import kadai.grader.property.TensorText;

/**
 * One case of pix2pix losses: PatchGAN logits on real and on generated pairs (their shapes may
 * differ), a generated image and its target, and the L1 weight. A value: its arrays come from it
 * deterministically.
 *
 * @param real shape of the logits on (condition, target) pairs
 * @param fake shape of the logits on (condition, generated) pairs
 * @param image shape of the generated image and of the target
 * @param lambda the L1 weight
 * @param values how the logits are drawn
 * @param ties where the target equals the generated image (the kink of |fake - target|)
 * @param valueSeed seed of the values
 */
record PatchCase(Shape real, Shape fake, Shape image, double lambda, Values values, Ties ties, long valueSeed) {

    /** Smallest |fake - target| away from ties: a centred difference (h = 1e-5) never straddles the kink. */
    static final double TIE_MARGIN = 0.05;
    /** The largest logits of {@link Values#EXTREME}, where naive formulas overflow. */
    static final double EXTREME_LOGIT = 1e4;

    /** How logits are drawn; shrinking prefers the readable ones. */
    enum Values {
        /** Integers in [-3, 3]. */
        SMALL_INTEGERS("integers in [-3, 3]", "[-3, 3] の整数"),
        /** Doubles in [-4, 4): every gradient element well above rounding noise. */
        RANDOM("random doubles in [-4, 4)", "[-4, 4) のランダムな実数"),
        /** Doubles in [-12, 12): D close to 0 and 1. */
        WIDE("random doubles in [-12, 12)", "[-12, 12) のランダムな実数"),
        /** A mix of +-1e4, +-1000, +-40 and values in [-3, 3]: exp overflows for naive formulas. */
        EXTREME("a mix of +-1e4, +-1000, +-40 and values in [-3, 3]", "±1e4, ±1000, ±40 と [-3, 3] の値の混在");

        private final String en;
        private final String ja;

        Values(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }

        String describe(boolean japanese) {
            return japanese ? ja : en;
        }
    }

    /** Where target equals fake. */
    enum Ties {
        /** Nowhere: |fake - target| >= 0.05 at every pixel. */
        NONE("target differs from fake by at least 0.05 at every pixel", "target はどの画素でも fake と 0.05 以上異なる"),
        /** At about a third of the pixels, the first always, the second never (the others at least 0.05 apart). */
        SOME("target equals fake at the first pixel and at about 40% of all", "最初の画素と全体の約 40% の画素で target = fake"),
        /** Everywhere. */
        ALL("target equals fake at every pixel", "すべての画素で target = fake");

        private final String en;
        private final String ja;

        Ties(String en, String ja) {
            this.en = en;
            this.ja = ja;
        }

        String describe(boolean japanese) {
            return japanese ? ja : en;
        }
    }

    /** Return the logits on real pairs, float64. */
    NDArray realLogits(NDManager m) {
        return logits(m, "real", real);
    }

    /** Return the logits on generated pairs, float64. */
    NDArray fakeLogits(NDManager m) {
        return logits(m, "fake", fake);
    }

    /** Return the generated image: random doubles in [-1, 1) (a tanh output), float64. */
    NDArray generated(NDManager m) {
        SplittableRandom random = random("generated");
        double[] values = new double[Math.toIntExact(image.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-1, 1);
        }
        return m.create(values, image);
    }

    /** Return the target: equal to the generated image where {@link #ties} says, at least 0.05 away elsewhere. */
    NDArray target(NDManager m) {
        double[] generated = generated(m).toDoubleArray();
        SplittableRandom random = random("target");
        double[] values = new double[generated.length];
        for (int i = 0; i < values.length; i++) {
            // SOME: pixel 0 ties, pixel 1 does not (cases of SOME have at least two), the rest at random.
            boolean tie =
                    ties == Ties.ALL || (ties == Ties.SOME && (i % 3 == 0 || i % 3 == 2 && random.nextInt(3) == 0));
            double offset = random.nextDouble(TIE_MARGIN, 1) * (random.nextBoolean() ? 1 : -1);
            values[i] = tie ? generated[i] : generated[i] + offset;
        }
        return m.create(values, image);
    }

    /** Return a mask of the tied pixels (1 where target = fake), float64. */
    NDArray tieMask(NDManager m) {
        return generated(m).eq(target(m)).toType(ai.djl.ndarray.types.DataType.FLOAT64, false);
    }

    private NDArray logits(NDManager m, String role, Shape shape) {
        SplittableRandom random = random(role);
        double[] data = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = switch (values) {
                case SMALL_INTEGERS -> random.nextInt(7) - 3;
                case RANDOM -> random.nextDouble(-4, 4);
                case WIDE -> random.nextDouble(-12, 12);
                case EXTREME -> extreme(random);
            };
        }
        return m.create(data, shape);
    }

    private static double extreme(SplittableRandom random) {
        double sign = random.nextBoolean() ? 1 : -1;
        return switch (random.nextInt(4)) {
            case 0 -> sign * EXTREME_LOGIT;
            case 1 -> sign * 1000;
            case 2 -> sign * 40;
            default -> random.nextDouble(-3, 3);
        };
    }

    private SplittableRandom random(String role) {
        return new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
    }

    PatchCase withShapes(Shape newReal, Shape newFake, Shape newImage) {
        return new PatchCase(newReal, newFake, newImage, lambda, values, ties, valueSeed);
    }

    PatchCase withLambda(double newLambda) {
        return new PatchCase(real, fake, image, newLambda, values, ties, valueSeed);
    }

    PatchCase withValues(Values v) {
        return new PatchCase(real, fake, image, lambda, v, ties, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja
                        ? "real ロジット %s, fake ロジット %s, 画像 %s, lambda=%s; ロジットの値: %s; %s"
                        : "real logits %s, fake logits %s, images %s, lambda=%s; logits: %s; %s",
                TensorText.shape(real),
                TensorText.shape(fake),
                TensorText.shape(image),
                TensorText.number(lambda),
                values.describe(ja),
                ties.describe(ja));
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
