/**
 * Provided layers (do not edit) that complete a network around the layers you write.
 *
 * <p>The {@code cnn} task builds {@code Convolution -> ReLU -> MaxPooling -> ... -> Flatten ->
 * Affine -> ReLU -> Affine} and trains it with {@link kadai.assignments.layers.SoftmaxCrossEntropy}.
 * Like your layers, each one works in the dtype of its input and creates new arrays from the
 * input's manager.
 */
package kadai.assignments.layers;
