/**
 * A small Fashion-MNIST classifier shared by the {@code augment} and {@code transfer} tasks:
 * the network ({@link kadai.tasks.classify.SmallCnn}: two convolutions and a 64-unit feature layer,
 * then a linear head) and a trainer around it ({@link kadai.tasks.classify.Classifier}: Adam steps
 * on given batches, predictions, accuracy).
 *
 * <p>Trusted code of the platform: it uses DJL and {@code kadai.tasks.data}, never student code.
 */
package kadai.tasks.classify;
