package kadai.grader;

import java.util.List;
import java.util.Optional;
import kadai.grader.suites.augment.AugmentSuite;
import kadai.grader.suites.conv.ConvSuite;
import kadai.grader.suites.convop.ConvOpSuite;
import kadai.grader.suites.detection.DetectionSuite;
import kadai.grader.suites.gan.GanSuite;
import kadai.grader.suites.pix2pix.Pix2PixSuite;
import kadai.grader.suites.pool.PoolSuite;
import kadai.grader.suites.resnet.ResNetSuite;
import kadai.grader.suites.segment.SegmentSuite;

/** List the assignments this grader can grade; add a row per new graded suite. */
public final class Assignments {

    private static final List<Assignment> BUILT_IN = List.of(
            new Assignment("conv-op", "im2col, col2im and the output size (ConvOps)", ConvOpSuite.class),
            new Assignment("conv", "a convolution layer, forward and backward (Convolution)", ConvSuite.class),
            new Assignment("pool", "max pooling, forward and backward (MaxPooling)", PoolSuite.class),
            new Assignment(
                    "resnet",
                    "Global average pooling and residual blocks (GlobalAveragePooling, BasicBlock, Bottleneck)",
                    ResNetSuite.class),
            new Assignment("gan", "GAN losses from logits and the leaky ReLU (GanLoss, LeakyRelu)", GanSuite.class),
            new Assignment(
                    "segment",
                    "Transposed convolution, SegNet pooling, U-Net skips, per-pixel loss (TransposedConvolution, IndexedMaxPooling, MaxUnpooling, SkipConnection, PixelCrossEntropy)",
                    SegmentSuite.class),
            new Assignment(
                    "pix2pix",
                    "conditional GAN inputs and pix2pix's losses (Conditioning, Pix2PixLoss)",
                    Pix2PixSuite.class),
            new Assignment(
                    "detection",
                    "Boxes, anchors, NMS, RoI pooling and RoI Align (Boxes, Anchors, RoiPool, RoiAlign)",
                    DetectionSuite.class),
            new Assignment(
                    "augment",
                    "Data augmentation: flips, shifts, crops, cutout, rotation, zoom, shear, brightness, random draws (Augment, RandomAugmentation)",
                    AugmentSuite.class));

    private Assignments() {}

    /** Return every assignment, in course order. */
    public static List<Assignment> all() {
        return BUILT_IN;
    }

    /** Find an assignment by id. */
    public static Optional<Assignment> find(String id) {
        return BUILT_IN.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    /** Return the ids, comma-separated, for messages. */
    public static String ids() {
        return String.join(", ", BUILT_IN.stream().map(Assignment::id).toList());
    }
}
