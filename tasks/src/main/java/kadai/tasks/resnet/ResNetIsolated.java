package kadai.tasks.resnet;

import ai.djl.Device;
import kadai.grader.api.StudentCode;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskResult;
import kadai.tasks.data.ImageSet;
import kadai.tasks.isolated.IsolatedInput;
import kadai.tasks.isolated.IsolatedTraining;
import kadai.tasks.isolated.RunFiles;

/**
 * The {@code resnet} task inside the isolated JVM: read the training, validation and test images
 * (the test images without labels) and run {@link ResNetTask#trainAndPredict}, returning the class
 * of every test image.
 */
public final class ResNetIsolated implements IsolatedTraining {

    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batchSize";
    static final String SMOKE = "smoke";

    @Override
    public byte[] train(IsolatedInput input, StudentCode code, ProgressMeter meter, TaskResult result)
            throws Exception {
        ImageSet train = RunFiles.read(input.dir(), "train", true);
        ImageSet validation = RunFiles.read(input.dir(), "validation", true);
        ImageSet test = RunFiles.read(input.dir(), "test", false);
        ResNetTask.Plan plan = new ResNetTask.Plan(
                Boolean.parseBoolean(input.get(SMOKE)),
                input.integer(EPOCHS),
                input.integer(BATCH_SIZE),
                train,
                validation,
                test);
        int[] predictions = ResNetTask.trainAndPredict(code, input.seed(), Device.cpu(), plan, meter, result);
        byte[] out = new byte[predictions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) predictions[i];
        }
        return out;
    }
}
