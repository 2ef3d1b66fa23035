package kadai.assignments.augment;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import kadai.assignments.support.GoldenCases;
import kadai.assignments.testing.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * Visible tests of {@link Augment} against PyTorch: each case's expected output was computed by
 * {@code torch.nn.functional.grid_sample} (bilinear, zero padding, align_corners=False) at the
 * handout's sampling points, and for rotate and scale also by torchvision's {@code rotate} and
 * {@code affine}.
 */
class AugmentPyTorchTests {

    static final String RESOURCE = "/kadai/assignments/augment/pytorch-golden.txt";

    static List<GoldenCases.Case> cases() {
        return GoldenCases.read(RESOURCE);
    }

    /** Apply the case's operation with its parameters. */
    static NDArray apply(GoldenCases.Case c, NDArray x) {
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

    @ParameterizedTest(name = "{0} agrees with PyTorch")
    @MethodSource("cases")
    void agreesWithPyTorch(GoldenCases.Case c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(c.input(), new Shape(c.shape()));
            NDArray expected = manager.create(c.expected(), new Shape(c.outputShape()));
            Tensors.assertClose(c + " (PyTorch grid_sample / torchvision)", expected, apply(c, x), 1e-9, 1e-12);
        }
    }
}
