package kadai.assignments.conv;

import ai.djl.ndarray.NDArray;
import kadai.assignments.Layer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A hostile convolution: its constructor tries to read the Fashion-MNIST test labels, and its
 * forward reports what it found by throwing, so the task's error message shows what the
 * student code could observe from where it ran.
 */
public class Convolution implements Layer {

    private final String observed;

    public Convolution(NDArray w, NDArray b, int stride, int pad) {
        String result;
        try {
            byte[] labels = Files.readAllBytes(Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"));
            result = "read " + labels.length + " bytes of the test labels";
        } catch (Exception e) {
            result = "could not read the test labels: " + e.getClass().getSimpleName() + " " + e.getMessage();
        }
        observed = result;
    }

    @Override
    public NDArray forward(NDArray x) {
        throw new IllegalStateException("label probe: " + observed);
    }

    @Override
    public NDArray backward(NDArray dout) {
        throw new IllegalStateException("label probe: " + observed);
    }

    @Override
    public Map<String, NDArray> params() {
        return Map.of();
    }

    @Override
    public Map<String, NDArray> grads() {
        return Map.of();
    }
}
