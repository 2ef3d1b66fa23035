package kadai.tasks.detect;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;

/**
 * The mask head of exercise 3-10's idea (Mask R-CNN, lecture notes §6.5): the student's RoI Align
 * cuts a {@code 16 x 14 x 14} grid out of the mask features for each box, and three convolutions turn it
 * into {@code 14 x 14} mask logits (one class-agnostic mask per box).
 */
final class MaskHead {

    /** Side of the RoI Align output and of the predicted mask. */
    static final int SIDE = 14;

    private MaskHead() {}

    /** Return the head: (R, 16, 14, 14) -> (R, 1, 14, 14) logits. */
    static SequentialBlock block() {
        return new SequentialBlock()
                .add(Conv2d.builder()
                        .setFilters(32)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder()
                        .setFilters(32)
                        .setKernelShape(new Shape(3, 3))
                        .optPadding(new Shape(1, 1))
                        .build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder()
                        .setFilters(1)
                        .setKernelShape(new Shape(1, 1))
                        .build());
    }
}
