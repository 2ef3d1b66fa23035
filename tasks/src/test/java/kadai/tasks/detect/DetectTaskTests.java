package kadai.tasks.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.imageio.ImageIO;
import kadai.assignments.Layer;
import kadai.grader.api.StudentCode;
import kadai.grader.api.StudentObject;
import kadai.tasks.CancellationToken;
import kadai.tasks.Contexts;
import kadai.tasks.TaskConfig;
import kadai.tasks.TaskContext;
import kadai.tasks.TaskResult;
import kadai.tasks.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detect task on small slices: metrics, pictures, where the submission is called, and a broken NMS named. */
class DetectTaskTests {

    @TempDir
    Path output;

    /** A StudentCode over the reference that records the static methods called, in order, and may replace some results. */
    static final class Spy implements StudentCode {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final StudentCode delegate = Contexts.REFERENCE;
        java.util.function.UnaryOperator<Object> nmsResult = r -> r;

        @Override
        public Object invokeStatic(String className, String method, Class<?>[] parameterTypes, Object... args) {
            calls.add(method);
            Object result = delegate.invokeStatic(className, method, parameterTypes, args);
            return method.equals("batchedNms") ? nmsResult.apply(result) : result;
        }

        @Override
        public Layer newLayer(String className, Class<?>[] parameterTypes, Object... args) {
            return delegate.newLayer(className, parameterTypes, args);
        }

        @Override
        public StudentObject newObject(String className, Class<?>[] parameterTypes, Object... args) {
            calls.add("new " + className.substring(className.lastIndexOf('.') + 1));
            return delegate.newObject(className, parameterTypes, args);
        }

        @Override
        public String description() {
            return "spy over the reference";
        }

        @Override
        public void close() {}
    }

    private static TaskContext context(StudentCode code, TaskConfig config) {
        return new TaskContext(
                config,
                code,
                Contexts.REFERENCE,
                FashionMnist.locate(),
                new Contexts.Recorder(),
                new CancellationToken());
    }

    @Test
    void aSmallRunScoresBoxesAndMasksAndDrawsThem() throws Exception {
        Spy spy = new Spy();
        TaskResult result =
                new DetectTask().run(context(spy, Contexts.slice(64, 24, output).withBatchSize(16)));

        double map50 = (double) result.metrics().get("map50");
        assertThat(map50).isBetween(0.0, 1.0);
        assertThat((double) result.metrics().get("map50_95")).isBetween(0.0, map50);
        assertThat((double) result.metrics().get("mask_map50")).isBetween(0.0, 1.0);
        assertThat(result.metrics())
                .containsEntry("mask_head", true)
                .containsEntry("anchors", AnchorLayout.count())
                .containsEntry("train_canvases_per_epoch", 64)
                .containsEntry("train_canvases_drawn", 64);
        assertThat(result.curves().get("train_loss"))
                .hasSize(4)
                .allSatisfy(v -> assertThat(v).isFinite().isPositive());
        assertThat(result.curves().get("mask_loss")).hasSize(4);
        assertThat(result.curves().get("val_map50")).hasSize(1);
        assertThat(ImageIO.read(output.resolve("detect-test-predictions.png").toFile())
                        .getWidth())
                .isEqualTo(4 * (64 * 4 + 6) + 6);
        assertThat(result.images()).containsKeys("test_predictions", "losses");

        // The submission saw the training boxes only while making the targets, one canvas at a time as each
        // batch was drawn, before any prediction: afterwards it only decodes, suppresses and aligns.
        List<String> calls = List.copyOf(spy.calls);
        int firstDecode = calls.indexOf("decode");
        assertThat(calls.subList(0, 3)).containsExactly("new RoiAlign", "grid", "grid");
        assertThat(calls.stream().filter("iou"::equals).count()).isEqualTo(64);
        assertThat(calls.lastIndexOf("iou")).isLessThan(firstDecode);
        assertThat(calls.lastIndexOf("match")).isLessThan(firstDecode);
        assertThat(calls.lastIndexOf("encode")).isLessThan(firstDecode);
        assertThat(calls.subList(firstDecode, calls.size())).containsOnly("decode", "batchedNms");
    }

    @Test
    void anNmsThatReturnsIndicesOutOfRangeStopsTheRunNamingIt() {
        Spy spy = new Spy();
        spy.nmsResult = r -> new int[] {0, 1000};
        assertThatThrownBy(() -> new DetectTask()
                        .run(context(spy, Contexts.slice(32, 8, null).withBatchSize(16))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Boxes.batchedNms returned [0, 1000]");
    }
}
