package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import kadai.assignments.support.GoldenCases;

import java.util.List;

/**
 * The golden cases of {@code pytorch-golden.txt} (written by the project's PyTorch script) and
 * how to run one through {@link Augment}; shared with the reference's cross-checks.
 */
public final class AugmentGolden {

    /** The classpath resource holding the cases. */
    public static final String RESOURCE = "/kadai/assignments/augment/pytorch-golden.txt";

    private AugmentGolden() {
    }

    /** Return every golden case. */
    public static List<GoldenCases.Case> cases() {
        return GoldenCases.read(RESOURCE);
    }

    /** Apply the case's operation with its parameters. */
    public static NDArray apply(GoldenCases.Case c, NDArray x) {
        double[] p = c.parameters();
        return switch (c.operation()) {
            case "rotate" -> Augment.rotate(x, p[0]);
            case "scale" -> Augment.scale(x, p[0]);
            case "shear" -> Augment.shear(x, p[0]);
            case "affine" -> Augment.affine(x, p.clone());
            case "shift" -> Augment.shift(x, c.intParameter(0), c.intParameter(1));
            case "flipHorizontal" -> Augment.flipHorizontal(x);
            case "flipVertical" -> Augment.flipVertical(x);
            case "crop" -> Augment.crop(x, c.intParameter(0), c.intParameter(1), c.intParameter(2), c.intParameter(3));
            case "cutout" -> Augment.cutout(x, c.intParameter(0), c.intParameter(1), c.intParameter(2), c.intParameter(3));
            case "brightness" -> Augment.brightness(x, p[0], p[1], p[2]);
            default -> throw new IllegalArgumentException("unknown operation " + c.operation());
        };
    }
}
