/**
 * Assignment {@code segment}: autoencoders and semantic segmentation (lecture notes §5.2–5.5,
 * §6.3–6.4) — the transposed convolution, SegNet's indexed max pooling and unpooling, U-Net's
 * skip connection, the per-pixel cross-entropy, and a U-Net built from DJL blocks.
 *
 * <p>The classes here may use DJL, {@code kadai.assignments.Layer} and your own
 * {@code kadai.assignments.conv.ConvOps} (im2col and col2im); submit {@code ConvOps.java} with
 * them when you use it.
 */
package kadai.assignments.segment;
