package kadai.tasks.unet;

/**
 * The parameter count of the U-Net the {@code segment} handout specifies, computed from the
 * architecture (not from any implementation): level i has {@code width * 2^i} channels; a double
 * convolution is (3x3 conv without bias, BatchNorm, ReLU) twice; the way up is a 2x2 stride-2
 * transposed convolution with bias, then a double convolution of the concatenated 2 * c_i channels;
 * a 1x1 convolution with bias makes the logits.
 */
public final class UNetArchitecture {

    private UNetArchitecture() {}

    /** Return the trainable parameters of {@code unet(in, classes, width, depth)}. */
    public static long parameters(int in, int classes, int width, int depth) {
        long count = 0;
        int previous = in;
        for (int i = 0; i < depth; i++) {
            int c = width << i;
            count += doubleConv(previous, c);
            count += 4L * (width << (i + 1)) * c + c;
            count += doubleConv(2 * c, c);
            previous = c;
        }
        count += doubleConv(previous, width << depth);
        count += (long) width * classes + classes;
        return count;
    }

    /** Two 3x3 convolutions without bias, each followed by BatchNorm's scale and shift. */
    private static long doubleConv(int in, int out) {
        return 9L * in * out + 2L * out + 9L * out * out + 2L * out;
    }
}
