package kadai.tasks.data;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Read the real files of Debian's dataset-fashion-mnist (installed by .ci/run). */
class FashionMnistTests {

    static final ImageSet TRAIN = FashionMnist.locate().train();

    @Test
    void trainingSetHasSixtyThousandLabelledImagesOf28By28() {
        assertThat(TRAIN.size()).isEqualTo(60_000);
        assertThat(TRAIN.height()).isEqualTo(28);
        assertThat(TRAIN.width()).isEqualTo(28);
        assertThat(Arrays.copyOf(TRAIN.labels(), 5)).containsExactly(9, 0, 0, 3, 0);
        assertThat(Arrays.stream(TRAIN.labels()).distinct().count()).isEqualTo(10);
    }

    @Test
    void testSetHasTenThousandImagesStartingWithAnAnkleBoot() {
        ImageSet test = FashionMnist.locate().test();
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(FashionMnist.CLASSES.get(test.labels()[0])).isEqualTo("Ankle boot");
    }

    @Test
    void splitIsDeterministicDisjointAndComplete() {
        ImageSet small = TRAIN.head(1_000);
        ImageSet.Split a = small.split(100, 42);
        ImageSet.Split b = small.split(100, 42);
        ImageSet.Split c = small.split(100, 43);
        assertThat(a.train().size()).isEqualTo(900);
        assertThat(a.validation().size()).isEqualTo(100);
        assertThat(a.validation().pixels()).isEqualTo(b.validation().pixels());
        assertThat(a.validation().pixels()).isNotEqualTo(c.validation().pixels());
        Set<String> seen = new HashSet<>();
        for (ImageSet part : List.of(a.train(), a.validation())) {
            for (int i = 0; i < part.size(); i++) {
                float[] image = Arrays.copyOfRange(part.pixels(), i * 784, (i + 1) * 784);
                seen.add(Arrays.toString(image) + part.labels()[i]);
            }
        }
        Set<String> original = new HashSet<>();
        for (int i = 0; i < small.size(); i++) {
            original.add(
                    Arrays.toString(Arrays.copyOfRange(small.pixels(), i * 784, (i + 1) * 784)) + small.labels()[i]);
        }
        assertThat(seen).isEqualTo(original);
    }

    @Test
    void datasetServesSeededShuffledBatchesOfImagesAndLabels() throws Exception {
        ImageSet small = TRAIN.head(100);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Integer> first = labelsOfOneEpoch(small, manager, 5);
            List<Integer> again = labelsOfOneEpoch(small, manager, 5);
            List<Integer> other = labelsOfOneEpoch(small, manager, 6);
            assertThat(first).hasSize(100).isEqualTo(again).isNotEqualTo(other);
            assertThat(first)
                    .containsExactlyInAnyOrderElementsOf(
                            Arrays.stream(small.labels()).boxed().toList());
        }
    }

    private static List<Integer> labelsOfOneEpoch(ImageSet images, NDManager manager, long seed) throws Exception {
        ImageDataset dataset = ImageDataset.builder(images)
                .optChannels(3)
                .setSampling(new SeededBatchSampler(32, true, false, seed))
                .build();
        List<Integer> labels = new ArrayList<>();
        for (Batch batch : dataset.getData(manager)) {
            try (batch) {
                long n = batch.getSize();
                assertThat(batch.getData().head().getShape()).isEqualTo(new Shape(n, 3, 28, 28));
                assertThat(batch.getData().head().getDataType()).isEqualTo(DataType.FLOAT32);
                for (int label :
                        batch.getLabels().head().toType(DataType.INT32, false).toIntArray()) {
                    labels.add(label);
                }
            }
        }
        return labels;
    }

    @Test
    void augmentationShiftsAndFlipsButKeepsTheImageSize() {
        float[] image = new float[9];
        image[0] = 1;
        Augmentation none = new Augmentation(0, false);
        assertThat(none.apply(image, 3, 3, new java.util.Random(1))).isEqualTo(image);
        Augmentation flipOnly = new Augmentation(0, true);
        Set<Integer> positions = new HashSet<>();
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 20; i++) {
            float[] out = flipOnly.apply(image, 3, 3, random);
            for (int p = 0; p < 9; p++) {
                if (out[p] == 1) {
                    positions.add(p);
                }
            }
        }
        assertThat(positions).containsExactlyInAnyOrder(0, 2);
    }
}
