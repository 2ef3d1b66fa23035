package kadai.tasks.cnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskCancelledException;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskListener;
import kadai.tasks.TaskProgress;
import kadai.tasks.TaskResult;
import org.junit.jupiter.api.Test;

class CnnTaskTests {

    @Test
    void referenceLayersLearnFarAboveChanceOnASlice() throws Exception {
        Contexts.Recorder recorder = new Contexts.Recorder();
        TaskResult result = new CnnTask()
                .run(Contexts.reference(Contexts.slice(2_000, 300, null), recorder, new CancellationToken()));
        assertThat(result.task()).isEqualTo("cnn");
        assertThat(result.device()).isEqualTo("cpu");
        assertThat(result.accuracy()).isGreaterThan(0.55); // chance is 0.10
        assertThat(result.curves().get("train_loss")).hasSize(32);
        assertThat(result.curves().get("train_loss").get(31))
                .isLessThan(result.curves().get("train_loss").get(0));
        assertThat(result.curves().get("val_accuracy")).hasSize(1);
        assertThat(result.metrics()).containsEntry("test_images", 300).containsEntry("parameters", 162_710L);
        assertThat(recorder.progress).isNotEmpty();
        TaskProgress last = recorder.progress.stream()
                .filter(p -> p.phase().equals("train"))
                .reduce((a, b) -> b)
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
        assertThatThrownBy(() -> new CnnTask()
                        .run(Contexts.reference(Contexts.slice(6_400, 100, null), cancelAtFirstReport, token)))
                .isInstanceOf(TaskCancelledException.class);
    }

    @Test
    void studentLayersReceiveOnlyFloatImagesAndGradientsNeverLabels() throws Exception {
        List<String> seen = new ArrayList<>();
        StudentCode spy = new StudentCode() {
            @Override
            public Object invokeStatic(String className, String method, Class<?>[] types, Object... args) {
                return Contexts.REFERENCE.invokeStatic(className, method, types, args);
            }

            @Override
            public Layer newLayer(String className, Class<?>[] types, Object... args) {
                Layer layer = Contexts.REFERENCE.newLayer(className, types, args);
                return new Layer() {
                    @Override
                    public NDArray forward(NDArray x) {
                        seen.add("forward " + x.getDataType() + " " + x.getShape());
                        return layer.forward(x);
                    }

                    @Override
                    public NDArray backward(NDArray dout) {
                        seen.add("backward " + dout.getDataType() + " " + dout.getShape());
                        return layer.backward(dout);
                    }

                    @Override
                    public Map<String, NDArray> params() {
                        return layer.params();
                    }

                    @Override
                    public Map<String, NDArray> grads() {
                        return layer.grads();
                    }
                };
            }

            @Override
            public String description() {
                return "spy";
            }

            @Override
            public void close() {}
        };
        TaskContext reference =
                Contexts.reference(Contexts.slice(128, 50, null), TaskListener.NONE, new CancellationToken());
        new CnnTask()
                .run(new TaskContext(
                        reference.config(),
                        spy,
                        Contexts.REFERENCE,
                        reference.data(),
                        TaskListener.NONE,
                        reference.cancellation()));
        assertThat(seen).isNotEmpty().allSatisfy(call -> assertThat(call).contains(DataType.FLOAT32.toString()));
        // The first layer sees images (N, 1, 28, 28) only: 2 training batches, the validation and the test images.
        assertThat(seen)
                .filteredOn(call -> call.startsWith("forward") && call.endsWith(", 1, 28, 28)"))
                .hasSize(4);
        assertThat(seen).noneMatch(call -> call.contains("int"));
    }
}
