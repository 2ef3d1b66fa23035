package kadai.tasks.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskResult;
import kadai.tasks.data.FashionMnist;
import kadai.tasks.data.ImageSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer task: the class split, the k-per-class support sets, and a tiny run's table of accuracies. */
class TransferTaskTests {

    @TempDir
    Path output;

    @Test
    void theSourceAndTargetClassesSplitTheTenAndAreRelabelledInOrder() {
        assertThat(java.util.stream.IntStream.concat(
                                Arrays.stream(TransferTask.SOURCE), Arrays.stream(TransferTask.TARGET))
                        .sorted()
                        .toArray())
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        ImageSet test = FashionMnist.locate().test().head(500);
        ImageSet target = TransferTask.ofClasses(test, TransferTask.TARGET);
        long expected = Arrays.stream(test.labels())
                .filter(l -> Arrays.stream(TransferTask.TARGET).anyMatch(t -> t == l))
                .count();
        assertThat(target.size()).isEqualTo((int) expected);
        assertThat(Arrays.stream(target.labels()).allMatch(l -> l >= 0 && l <= 4))
                .isTrue();
    }

    @Test
    void aSupportSetHoldsExactlyKImagesOfEachClass() {
        ImageSet pool = TransferTask.ofClasses(FashionMnist.locate().test().head(2000), TransferTask.TARGET);
        ImageSet support = TransferTask.kPerClass(pool, 10, new Random(3));
        assertThat(support.size()).isEqualTo(50);
        for (int c = 0; c < 5; c++) {
            int cls = c;
            assertThat(Arrays.stream(support.labels()).filter(l -> l == cls).count())
                    .isEqualTo(10);
        }
        assertThat(support.labels())
                .isEqualTo(TransferTask.kPerClass(pool, 10, new Random(3)).labels());
    }

    @Test
    void aTinyRunReportsEveryVariantAndTheHeadlineNumbers() throws Exception {
        TaskResult result = new TransferTask()
                .run(Contexts.reference(
                        Contexts.slice(256, 200, output), new Contexts.Recorder(), new CancellationToken()));
        for (String v : new String[] {"scratch", "frozen", "finetune", "transfer"}) {
            for (int k : TransferTask.KS) {
                assertThat((double) result.metrics().get("accuracy_" + v + "_k" + k))
                        .isBetween(0.0, 1.0);
            }
        }
        assertThat(result.metrics().get("accuracy_scratch"))
                .isEqualTo(result.metrics().get("accuracy_scratch_k10"));
        assertThat((double) result.metrics().get("accuracy_transfer"))
                .isEqualTo(Math.max((double) result.metrics().get("accuracy_frozen_k10"), (double)
                        result.metrics().get("accuracy_finetune_k10")));
        assertThat(result.accuracy()).isEqualTo(result.metrics().get("accuracy_transfer"));
        assertThat(result.curves().get("loss_frozen_k10")).hasSize(TransferTask.targetSteps(1));
        assertThat(result.images()).containsKeys("support_k10", "losses_k10");
        assertThat(result.sandbox()).isEqualTo("in-process");
    }
}
