/**
 * Your convolution code: {@code ConvOps} (output size, im2col, col2im) and the {@code Convolution}
 * layer's forward and backward. Fill in the {@code TODO}s; keep the class and method names.
 */
package kadai.assignments.conv;
