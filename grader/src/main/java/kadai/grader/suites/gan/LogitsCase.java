package kadai.grader.suites.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;
import java.util.SplittableRandom;
import kadai.grader.api.Language;

/**
 * One case of GAN logits: the shapes of the real and the fake batch (their sizes may differ)
 * and how the values are drawn. A value: the arrays come from it deterministically.
 *
 * @param real shape of the discriminator's logits on training samples
 * @param fake shape of its logits on generated samples
 * @param values how the logits are drawn
 * @param valueSeed seed of the values
 */
record LogitsCase(Shape real, Shape fake, Values values, long valueSeed) {

    /** How logits are drawn; shrinking prefers the readable ones. */
    enum Values {
        /** Integers in [-3, 3]. */
        SMALL_INTEGERS("integers in [-3, 3]", "[-3, 3] の整数"),
        /** Doubles in [-4, 4), away from nothing in particular (the losses have no kinks). */
        RANDOM("random doubles in [-4, 4)", "[-4, 4) のランダムな実数"),
        /** Doubles in [-12, 12): D close to 0 and 1. */
        WIDE("random doubles in [-12, 12)", "[-12, 12) のランダムな実数"),
        /** A mix of +-1e4, +-1000, +-40 and small values: exp overflows for naive formulas. */
        EXTREME("a mix of +-1e4, +-1000, +-40 and values in [-3, 3]", "±1e4, ±1000, ±40 と [-3, 3] の値の混在"),
        /** Doubles in [-12, -4): the generator's samples are recognised as fake (D(G(z)) near 0). */
        CONFIDENT_FAKE("random doubles in [-12, -4) (D(G(z)) close to 0)", "[-12, -4) のランダムな実数 (D(G(z)) が 0 に近い)");

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

    /** Return the real logits in float64. */
    NDArray realLogits(NDManager m) {
        return array(m, "real", real);
    }

    /** Return the fake logits in float64. */
    NDArray fakeLogits(NDManager m) {
        return array(m, "fake", fake);
    }

    /** Return float64 values of this case for any shape; {@code role} keeps arrays independent. */
    NDArray array(NDManager m, String role, Shape shape) {
        int size = Math.toIntExact(shape.size());
        double[] data = new double[size];
        SplittableRandom random = new SplittableRandom(valueSeed ^ (role.hashCode() * 0x9E3779B97F4A7C15L));
        for (int i = 0; i < size; i++) {
            data[i] = switch (values) {
                case SMALL_INTEGERS -> random.nextInt(7) - 3;
                case RANDOM -> random.nextDouble(-4, 4);
                case WIDE -> random.nextDouble(-12, 12);
                case CONFIDENT_FAKE -> random.nextDouble(-12, -4);
                case EXTREME -> extreme(random);
            };
        }
        return m.create(data, shape);
    }

    private static double extreme(SplittableRandom random) {
        double sign = random.nextBoolean() ? 1 : -1;
        return switch (random.nextInt(4)) {
            case 0 -> sign * 1e4;
            case 1 -> sign * 1000;
            case 2 -> sign * 40;
            default -> random.nextDouble(-3, 3);
        };
    }

    LogitsCase withShapes(Shape newReal, Shape newFake) {
        return new LogitsCase(newReal, newFake, values, valueSeed);
    }

    LogitsCase withValues(Values v) {
        return new LogitsCase(real, fake, v, valueSeed);
    }

    /** Describe the case in one line. */
    String describe(Language language) {
        boolean ja = language == Language.JA;
        return String.format(
                Locale.ROOT,
                ja ? "real の形状 %s, fake の形状 %s; 値: %s" : "real logits %s, fake logits %s; values: %s",
                shape(real),
                shape(fake),
                values.describe(ja));
    }

    static String shape(Shape s) {
        return kadai.grader.property.TensorText.shape(s);
    }

    @Override
    public String toString() {
        return describe(Language.EN);
    }
}
