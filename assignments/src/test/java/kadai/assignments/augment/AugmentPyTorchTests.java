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

    static List<GoldenCases.Case> cases() {
        return AugmentGolden.cases();
    }

    @ParameterizedTest(name = "{0} agrees with PyTorch")
    @MethodSource("cases")
    void agreesWithPyTorch(GoldenCases.Case c) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(c.input(), new Shape(c.shape()));
            NDArray expected = manager.create(c.expected(), new Shape(c.outputShape()));
            Tensors.assertClose(c + " (PyTorch grid_sample / torchvision)", expected, AugmentGolden.apply(c, x), 1e-9, 1e-12);
        }
    }
}
