package kadai.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Draw canvases from the real Fashion-MNIST files and from small synthetic splits. */
class CanvasesTests {

    static final FashionMnist DATA = FashionMnist.locate();
    static final ImageSet TRAIN = FashionMnistTests.TRAIN;
    static final Canvases.Config STANDARD = Canvases.Config.STANDARD;

    @Test
    void sameSeedGivesTheSameCanvasesAndASmallerSetIsAPrefix() {
        Canvases canvases = new Canvases(TRAIN, STANDARD);
        CanvasSet a = canvases.draw(30, 7);
        CanvasSet b = canvases.draw(30, 7);
        CanvasSet prefix = canvases.draw(10, 7);
        CanvasSet other = canvases.draw(30, 8);
        assertThat(a.pixels()).isEqualTo(b.pixels());
        assertThat(a.instances()).isEqualTo(b.instances());
        assertThat(a.boxes()).isEqualTo(b.boxes());
        assertThat(Arrays.copyOf(a.pixels(), prefix.pixels().length)).isEqualTo(prefix.pixels());
        assertThat(a.boxes().subList(0, 10)).isEqualTo(prefix.boxes());
        assertThat(a.pixels()).isNotEqualTo(other.pixels());
    }

    @Test
    void aStreamDrawsTheSeedsCanvasesInOrderBatchAfterBatchNeverTheSameTwice() {
        Canvases canvases = new Canvases(TRAIN, STANDARD);
        CanvasSet whole = canvases.draw(30, 7);
        CanvasStream stream = new CanvasStream(canvases, 7);
        CanvasSet first = stream.next(12);
        CanvasSet second = stream.next(18);
        assertThat(stream.drawn()).isEqualTo(30);
        assertThat(stream.side()).isEqualTo(64);
        assertThat(first.pixels()).isEqualTo(whole.slice(0, 12).pixels());
        assertThat(second.pixels()).isEqualTo(whole.slice(12, 30).pixels());
        assertThat(second.boxes()).isEqualTo(whole.boxes().subList(12, 30));
        assertThat(canvases.draw(12, 18, 7).instances()).isEqualTo(second.instances());
        assertThat(first.pixels()).isNotEqualTo(Arrays.copyOf(second.pixels(), first.pixels().length));
        assertThatThrownBy(() -> canvases.draw(Integer.MAX_VALUE - 2, 5, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not exist");
        assertThatThrownBy(() -> canvases.draw(-1, 5, 7)).isInstanceOf(IllegalArgumentException.class);
        CanvasStream.requireDrawable(60_000, 35_791);
        assertThatThrownBy(() -> CanvasStream.requireDrawable(60_000, 35_792))
                .hasMessageContaining("--train-size 60000 x --epochs 35792");
    }

    @Test
    void masksAndBoxesAgreeOnEveryCanvas() {
        CanvasSet set = new Canvases(TRAIN, STANDARD).draw(300, 3);
        int side = STANDARD.side();
        for (int i = 0; i < set.size(); i++) {
            Canvas c = set.canvas(i);
            List<Box> boxes = c.boxes();
            assertThat(boxes).as("canvas %d", i).hasSizeBetween(STANDARD.minItems(), STANDARD.maxItems());
            int[] visible = new int[boxes.size()];
            int[][] edges = new int[boxes.size()][4];
            for (int p = 0; p < side * side; p++) {
                int x = p % side;
                int y = p / side;
                int k = c.instances()[p] - 1;
                if (k < 0) {
                    assertThat(c.labels()[p])
                            .as("label of background pixel %d of canvas %d", p, i)
                            .isZero();
                    assertThat(c.image()[p])
                            .as("background pixel %d of canvas %d", p, i)
                            .isZero();
                    continue;
                }
                Box box = boxes.get(k);
                assertThat(box.contains(x, y))
                        .as("pixel (%d, %d) of item %d inside %s", x, y, k, box)
                        .isTrue();
                assertThat(c.labels()[p]).isEqualTo(box.label());
                assertThat(c.image()[p]).isGreaterThan(STANDARD.threshold());
                visible[k]++;
                edges[k][0] += x == box.x1() ? 1 : 0;
                edges[k][1] += y == box.y1() ? 1 : 0;
                edges[k][2] += x == box.x2() - 1 ? 1 : 0;
                edges[k][3] += y == box.y2() - 1 ? 1 : 0;
            }
            for (int k = 0; k < boxes.size(); k++) {
                assertThat(visible[k])
                        .as("visible pixels of item %d of canvas %d", k, i)
                        .isGreaterThanOrEqualTo(STANDARD.minVisiblePixels());
                assertThat(Arrays.stream(edges[k]).min().getAsInt())
                        .as("box %s of canvas %d is tight: a pixel on each edge", boxes.get(k), i)
                        .isPositive();
            }
        }
    }

    @Test
    void canvasesVaryInCountClassAndSizeWithinTheConfiguredRanges() {
        CanvasSet set = new Canvases(TRAIN, STANDARD).draw(400, 11);
        Set<Integer> counts = new HashSet<>();
        Set<Integer> labels = new HashSet<>();
        int largest = 0;
        int smallest = Integer.MAX_VALUE;
        for (int i = 0; i < set.size(); i++) {
            counts.add(set.boxes(i).size());
            Box top = set.boxes(i).get(set.boxes(i).size() - 1);
            for (Box b : set.boxes(i)) {
                labels.add(b.label());
                assertThat(b.fashionClass())
                        .isEqualTo(
                                TRAIN.labels()[set.sources().get(i)[set.boxes(i).indexOf(b)]]);
                largest = Math.max(largest, Math.max(b.width(), b.height()));
            }
            smallest = Math.min(smallest, Math.max(top.width(), top.height()));
        }
        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4);
        assertThat(labels).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // The top item is never covered, so its box spans the garment: 28 * 1.5 = 42 at most.
        assertThat(largest).isLessThanOrEqualTo(42).isGreaterThan(36);
        assertThat(smallest).isLessThan(24);
    }

    @Test
    void trainingCanvasesUseOnlyTheTrainingSplitAndTestCanvasesOnlyTheTestSplit(@TempDir Path dir) throws IOException {
        // Training garments are squares of grey 128, test garments white squares: the brightest
        // pixel tells the split (resizing blends only the squares' edges with the background).
        writeSplit(dir, "train", 50, 128);
        writeSplit(dir, "t10k", 20, 255);
        FashionMnist data = new FashionMnist(dir);
        CanvasSet train = Canvases.training(data, 40, 5);
        CanvasSet test = Canvases.test(data, 40, 5);
        assertThat(distinctPixels(train)).contains(0, 128).allMatch(v -> v <= 128);
        assertThat(distinctPixels(test)).contains(0, 255);
        assertThat(train.sources().stream().flatMapToInt(Arrays::stream))
                .allSatisfy(i -> assertThat(i).isBetween(0, 49));
        assertThat(test.sources().stream().flatMapToInt(Arrays::stream))
                .allSatisfy(i -> assertThat(i).isBetween(0, 19));
    }

    @Test
    void realTrainingCanvasesAreDrawnFromTheTrainingImagesOnly() {
        CanvasSet viaData = Canvases.training(DATA, 20, 9);
        CanvasSet viaTrain = new Canvases(TRAIN, STANDARD).draw(20, 9);
        CanvasSet viaTest = new Canvases(DATA.test(), STANDARD).draw(20, 9);
        assertThat(viaData.pixels()).isEqualTo(viaTrain.pixels()).isNotEqualTo(viaTest.pixels());
        assertThat(viaData.boxes()).isEqualTo(viaTrain.boxes());
    }

    @Test
    void resizeKeepsAnImageAtItsOwnSizeAndAConstantImageConstant() {
        float[] image = new float[28 * 28];
        for (int i = 0; i < image.length; i++) {
            image[i] = (i * 37 % 101) / 100f;
        }
        assertThat(Canvases.resize(image, 0, 28, 28, 28, 28)).containsExactly(image);
        float[] constant = new float[4 * 4];
        Arrays.fill(constant, 0.25f);
        float[] up = Canvases.resize(constant, 0, 4, 4, 7, 5);
        assertThat(up).hasSize(35);
        for (float v : up) {
            assertThat(v).isEqualTo(0.25f);
        }
        // Pixel centres aligned: doubling a 2x2 image gives the bilinear 1/4-3/4 blend inside.
        float[] two = {0, 1, 0, 1};
        assertThat(Canvases.resize(two, 0, 2, 2, 2, 4)).containsExactly(0f, 0.25f, 0.75f, 1f, 0f, 0.25f, 0.75f, 1f);
    }

    @Test
    void configurationsThatCannotBeDrawnAreRefused() {
        assertThatThrownBy(() -> new Canvases.Config(64, 0, 4, 0.75, 1.5, 0.1f, 24, 0.25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minItems");
        assertThatThrownBy(() -> new Canvases.Config(64, 1, 4, 1.5, 0.75, 0.1f, 24, 0.25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minScale");
        assertThatThrownBy(() -> new Canvases(TRAIN, new Canvases.Config(32, 1, 4, 0.75, 1.5, 0.1f, 24, 0.25)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not fit a 32-pixel canvas");
        assertThatThrownBy(() -> new Box(0, 0, 0, 1, 1)).hasMessageContaining("garment class");
        assertThatThrownBy(() -> new Box(1, 3, 0, 3, 1)).hasMessageContaining("x1 < x2");
    }

    @Test
    void samplePictureShowsEachCanvasBesideItsMaskInClassColours(@TempDir Path dir) throws IOException {
        CanvasSet set = new Canvases(TRAIN, STANDARD).draw(4, 1);
        Path file = dir.resolve("canvases.png");
        CanvasPictures.write(set, 4, file);
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * (2 * 256 + 3 * 8) + 8);
        // The mask panel of canvas 0 starts at x = 8 + 256 + 8; find a labelled pixel and check its colour.
        int[] labels = set.labels(0);
        int p = 0;
        while (labels[p] == 0) {
            p++;
        }
        int x = 8 + 256 + 8 + (p % 64) * 4 + 1;
        int y = 8 + (p / 64) * 4 + 1;
        assertThat(image.getRGB(x, y)).isEqualTo(CanvasPictures.rgb(labels[p]));
    }

    private static Set<Integer> distinctPixels(CanvasSet set) {
        Set<Integer> values = new HashSet<>();
        for (byte b : set.pixels()) {
            values.add(b & 0xff);
        }
        return values;
    }

    /** Write {@code count} 28x28 images of a 20x20 square of {@code value} (labels 0..9 in turn) as IDX. */
    private static void writeSplit(Path dir, String prefix, int count, int value) throws IOException {
        try (OutputStream file = Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte"));
                DataOutputStream out = new DataOutputStream(file)) {
            out.writeInt(0x0803);
            out.writeInt(count);
            out.writeInt(28);
            out.writeInt(28);
            for (int n = 0; n < count; n++) {
                for (int p = 0; p < 28 * 28; p++) {
                    int y = p / 28;
                    int x = p % 28;
                    out.writeByte(y >= 4 && y < 24 && x >= 4 && x < 24 ? value : 0);
                }
            }
        }
        try (OutputStream file = Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte"));
                DataOutputStream out = new DataOutputStream(file)) {
            out.writeInt(0x0801);
            out.writeInt(count);
            for (int n = 0; n < count; n++) {
                out.writeByte(n % 10);
            }
        }
    }
}
