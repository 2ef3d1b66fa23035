/**
 * The {@code cnn} task: a CNN of the student's {@code Convolution} and {@code MaxPooling} with the
 * kit's provided layers, trained on Fashion-MNIST. It imports {@code kadai.tasks},
 * {@code kadai.tasks.data}, {@code kadai.grader.api} and {@code kadai.assignments}; only the
 * registry {@code kadai.tasks.Tasks} refers to it.
 */
package kadai.tasks.cnn;
