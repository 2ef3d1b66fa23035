package kadai.tasks.gan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * What the adversarial tasks ({@code dcgan}, {@code cgan}, {@code pix2pix}) share around a training
 * step: the optimiser, clearing accumulated gradients, and checking what the student's code
 * returned before it is backpropagated.
 *
 * <p>The student's losses and conditioning run on detached arrays (through the seam, possibly in
 * another process); their gradients {@code g} with respect to a network output {@code y} enter
 * DJL's autograd as the surrogate {@code sum(y * g)}, whose gradient with respect to {@code y} is
 * exactly {@code g}.
 */
public final class GanSteps {

    private GanSteps() {}

    /** Return the DCGAN paper's optimiser: Adam, learning rate 2e-4, beta1 = 0.5. */
    public static DefaultTrainingConfig adam(Device device) {
        return new DefaultTrainingConfig(Loss.l2Loss())
                .optOptimizer(Optimizer.adam()
                        .optLearningRateTracker(Tracker.fixed(2e-4f))
                        .optBeta1(0.5f)
                        .build())
                .optDevices(new Device[] {device});
    }

    /**
     * Return {@code value} in {@code like}'s dtype and device after checking that it has
     * {@code shape}; else fail naming the student's method.
     *
     * @param method e.g. {@code GanLoss.generatorLossNonSaturatingGrad}
     */
    public static NDArray expect(NDArray value, Shape shape, NDArray like, String method) {
        if (value == null || !value.getShape().equals(shape)) {
            throw new IllegalStateException(method + " must return an array of shape " + shape + ", got "
                    + (value == null ? "null" : value.getShape()));
        }
        return value.toType(like.getDataType(), false).toDevice(like.getDevice(), false);
    }

    /** Return {@code list} after checking that it holds {@code size} arrays; else fail naming the method and the form. */
    public static NDList expect(NDList list, int size, String method, String form) {
        if (list == null || list.size() != size) {
            throw new IllegalStateException(
                    method + " must return " + form + ", got " + (list == null ? "null" : list.size() + " arrays"));
        }
        return list;
    }

    /** Fail when a loss the student's code returned is not finite. */
    public static void requireFinite(double dLoss, double gLoss, String what, int epoch, long step) {
        if (!Double.isFinite(dLoss) || !Double.isFinite(gLoss)) {
            throw new IllegalStateException(String.format(
                    java.util.Locale.ROOT,
                    "%s returned a non-finite loss (D %s, G %s) at epoch %d step %d",
                    what,
                    dLoss,
                    gLoss,
                    epoch,
                    step));
        }
    }
}
