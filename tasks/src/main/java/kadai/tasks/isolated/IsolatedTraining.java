package kadai.tasks.isolated;

import kadai.grader.api.StudentCode;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskResult;

/**
 * The part of a task that runs inside the isolated JVM: train on the input files with the
 * submission's code and return one prediction per item to score (a class per test image, a class
 * per pixel of each test canvas), never seeing what the predictions are scored against.
 *
 * <p>Implementations live beside their task ({@code kadai.tasks.resnet.ResNetIsolated}) and have a
 * public no-argument constructor; {@link IsolatedTaskMain} instantiates the one the trusted side
 * named in {@link IsolatedJob#training()}.
 */
public interface IsolatedTraining {

    /**
     * Train and predict.
     *
     * @param input the read-only input directory and the run's settings
     * @param code the submission, loaded in this JVM
     * @param meter progress, relayed to the trusted side
     * @param result metrics and curves to report (untrusted on the other side)
     * @return one prediction per scored item, each in {@code 0 .. IsolatedJob#maxPrediction()}
     */
    byte[] train(IsolatedInput input, StudentCode code, ProgressMeter meter, TaskResult result) throws Exception;
}
