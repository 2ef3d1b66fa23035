package kadai.assignments.resnet;

import ai.djl.nn.Block;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Hostile blocks: the first block tries to read the Fashion-MNIST test labels (from the host's
 * data set, and from the isolated run's input directory) and reports what it found by throwing,
 * so the task's error message shows what the student code could observe from where it ran.
 */
public final class ResNetBlocks {

    private ResNetBlocks() {
    }

    public static Block basicBlock(int outChannels, int stride) {
        StringBuilder observed = new StringBuilder();
        try {
            byte[] labels = Files.readAllBytes(Path.of("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"));
            observed.append("read ").append(labels.length).append(" bytes of the test labels");
        } catch (Exception e) {
            observed.append("could not read the test labels: ").append(e.getClass().getSimpleName());
        }
        try (Stream<Path> files = Files.list(Path.of("/opt/kadai/input"))) {
            observed.append("; input holds");
            files.map(p -> p.getFileName().toString()).sorted().forEach(f -> observed.append(' ').append(f));
        } catch (Exception e) {
            observed.append("; no input directory: ").append(e.getClass().getSimpleName());
        }
        try {
            byte[] labels = Files.readAllBytes(Path.of("/opt/kadai/input/test.labels"));
            observed.append("; read ").append(labels.length).append(" bytes of input test labels");
        } catch (Exception e) {
            observed.append("; no input test labels: ").append(e.getClass().getSimpleName());
        }
        throw new IllegalStateException("label probe: " + observed);
    }

    public static Block bottleneck(int outChannels, int stride) {
        return basicBlock(outChannels, stride);
    }
}
