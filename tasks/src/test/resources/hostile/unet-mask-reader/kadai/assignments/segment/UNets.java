package kadai.assignments.segment;

import ai.djl.nn.Block;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Hostile U-Net: tries to read the Fashion-MNIST test labels from the host and lists the isolated
 * run's input directory, then reports what it found by throwing, so the task's error message shows
 * what the student code could observe (the test canvases' masks must not be there).
 */
public final class UNets {

    private UNets() {
    }

    public static Block unet(int inChannels, int classes, int width, int depth) {
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
        throw new IllegalStateException("mask probe: " + observed);
    }
}
