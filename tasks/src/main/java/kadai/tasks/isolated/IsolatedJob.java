package kadai.tasks.isolated;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Describe one isolated run for {@link IsolatedRun}, the trusted side: which task, which
 * {@link IsolatedTraining} runs inside, its settings and input files, and what may come back.
 *
 * @param task the task id, for messages and progress
 * @param training the {@link IsolatedTraining} class to run inside (a class of this module)
 * @param settings written to {@code run.properties} with {@link #SEED}, {@link #THREADS}, {@link #TASK} and {@link #TRAINING}
 * @param inputs writes the input files (never the labels of what is scored)
 * @param predictions how many predictions must come back
 * @param maxPrediction the largest value a prediction may take (classes 0..maxPrediction)
 * @param metrics the names of the metrics taken from the isolated side (anything else is dropped)
 * @param curves the names of the curves taken, with the most points each may have
 */
public record IsolatedJob(
        String task,
        String training,
        Properties settings,
        Inputs inputs,
        int predictions,
        int maxPrediction,
        Set<String> metrics,
        Map<String, Long> curves) {

    /** Setting: the seed of the run. */
    public static final String SEED = "seed";
    /** Setting: the engine's threads inside. */
    public static final String THREADS = "threads";
    /** Setting: the task id. */
    public static final String TASK = "task";
    /** Setting: the {@link IsolatedTraining} class. */
    public static final String TRAINING = "training";

    /** Write the run's input files into the directory the isolated JVM will read. */
    @FunctionalInterface
    public interface Inputs {
        void write(Path dir) throws IOException;
    }
}
