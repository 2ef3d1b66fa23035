package kadai.tasks.unet;

import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Path;
import kadai.grader.api.StudentCode;
import kadai.tasks.ProgressMeter;
import kadai.tasks.TaskResult;
import kadai.tasks.data.Canvases;
import kadai.tasks.isolated.IsolatedInput;
import kadai.tasks.isolated.IsolatedTraining;
import kadai.tasks.isolated.RunFiles;

/**
 * The {@code unet} task inside the isolated JVM: read the training split's garments (the training
 * canvases are drawn from them batch by batch), the validation canvases with their masks and the test
 * canvases without theirs, and run {@link UNetTraining#trainAndPredict}.
 */
public final class UNetIsolated implements IsolatedTraining {

    static final String EPOCHS = "epochs";
    static final String BATCH_SIZE = "batchSize";
    static final String WIDTH = "width";
    static final String DEPTH = "depth";
    static final String LEARNING_RATE = "learningRate";
    static final String PER_EPOCH = "perEpoch";
    /** The file of the training split's garments (images and labels) the training canvases are drawn from. */
    static final String GARMENTS = "garments";

    @Override
    public byte[] train(IsolatedInput input, StudentCode code, ProgressMeter meter, TaskResult result)
            throws Exception {
        UNetTraining.Plan plan = new UNetTraining.Plan(
                input.integer(EPOCHS),
                input.integer(BATCH_SIZE),
                input.integer(WIDTH),
                input.integer(DEPTH),
                Double.parseDouble(input.get(LEARNING_RATE)),
                new Canvases(RunFiles.read(input.dir(), GARMENTS, true), Canvases.Config.STANDARD),
                input.integer(PER_EPOCH),
                read(input.dir(), "validation", true),
                read(input.dir(), "test", false));
        return UNetTraining.trainAndPredict(code, input.seed(), Device.cpu(), plan, meter, result);
    }

    /** Write a set's files: {@code <name>-pixels.bytes} and, when {@code withMasks}, {@code <name>-masks.bytes}. */
    static void write(Path dir, String name, SegmentationSet set, boolean withMasks) throws IOException {
        RunFiles.writeBytes(dir, name + "-pixels", set.pixels(), set.size(), set.side(), set.side());
        if (withMasks) {
            RunFiles.writeBytes(dir, name + "-masks", set.masks(), set.size(), set.side(), set.side());
        }
    }

    private static SegmentationSet read(Path dir, String name, boolean withMasks) throws IOException {
        RunFiles.Planes pixels = RunFiles.readBytes(dir, name + "-pixels");
        if (pixels.height() != pixels.width()) {
            throw new IOException(name + " canvases are not square");
        }
        byte[] masks = null;
        if (withMasks) {
            RunFiles.Planes m = RunFiles.readBytes(dir, name + "-masks");
            if (m.count() != pixels.count() || m.height() != pixels.height()) {
                throw new IOException(name + " masks do not match its canvases");
            }
            for (byte b : m.data()) {
                if (b < 0 || b >= UNetTraining.CLASSES) {
                    throw new IOException(name + " masks hold label " + b);
                }
            }
            masks = m.data();
        }
        return new SegmentationSet(pixels.count(), pixels.height(), pixels.data(), masks);
    }
}
