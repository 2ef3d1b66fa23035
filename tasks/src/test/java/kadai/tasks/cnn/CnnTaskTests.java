package kadai.tasks.cnn;

import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskCancelledException;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskProgress;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CnnTaskTests {

    @Test
    void referenceLayersLearnFarAboveChanceOnASlice() throws Exception {
        Contexts.Recorder recorder = new Contexts.Recorder();
        TaskResult result = new CnnTask().run(Contexts.reference(Contexts.slice(2_000, 300, null), recorder,
                new CancellationToken()));
        assertThat(result.task()).isEqualTo("cnn");
        assertThat(result.device()).isEqualTo("cpu");
        assertThat(result.accuracy()).isGreaterThan(0.55);   // chance is 0.10
        assertThat(result.curves().get("train_loss")).hasSize(32);
        assertThat(result.curves().get("train_loss").get(31)).isLessThan(result.curves().get("train_loss").get(0));
        assertThat(result.curves().get("val_accuracy")).hasSize(1);
        assertThat(result.metrics()).containsEntry("test_images", 300).containsEntry("parameters", 162_710L);
        assertThat(recorder.progress).isNotEmpty();
        TaskProgress last = recorder.progress.stream().filter(p -> p.phase().equals("train")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.step()).isEqualTo(last.steps()).isEqualTo(32);
    }

    @Test
    void cancellingStopsTheRunAtTheNextStep() {
        CancellationToken token = new CancellationToken();
        TaskListener cancelAtFirstReport = new TaskListener() {
            @Override
            public void onProgress(TaskProgress progress) {
                token.cancel();
            }
        };
        assertThatThrownBy(() -> new CnnTask().run(Contexts.reference(Contexts.slice(6_400, 100, null),
                cancelAtFirstReport, token))).isInstanceOf(TaskCancelledException.class);
    }
}
