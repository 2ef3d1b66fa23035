package kadai.tasks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kadai.grader.api.StudentCode;
import kadai.tasks.data.FashionMnist;

/** Build task contexts over the reference implementation for tests. */
public final class Contexts {

    /** The reference, loaded once for all tests (class loading and JIT warm-up are not free). */
    public static final StudentCode REFERENCE = Submissions.reference();

    private Contexts() {}

    /** A listener that keeps everything it hears. */
    public static final class Recorder implements TaskListener {
        public final List<TaskProgress> progress = new ArrayList<>();
        public final List<String> messages = new ArrayList<>();

        @Override
        public void onProgress(TaskProgress p) {
            progress.add(p);
        }

        @Override
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    /** Return a CPU context with the reference as submission and as reference. */
    public static TaskContext reference(TaskConfig config, TaskListener listener, CancellationToken cancellation) {
        StudentCode reference = REFERENCE;
        return new TaskContext(
                config.withDevice(DeviceChoice.CPU),
                reference,
                reference,
                FashionMnist.locate(),
                listener,
                cancellation);
    }

    /** Return a small-slice config: {@code train} training and {@code test} test images, one epoch. */
    public static TaskConfig slice(int train, int test, Path output) {
        return TaskConfig.defaults()
                .withTrainSize(train)
                .withTestSize(test)
                .withEpochs(1)
                .withOutputDir(output)
                .withDevice(DeviceChoice.CPU);
    }
}
