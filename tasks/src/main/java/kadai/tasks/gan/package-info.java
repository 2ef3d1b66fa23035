/**
 * The {@code dcgan} task: a DCGAN trained with the student's {@code GanLoss}, scored by a Fréchet
 * distance on a trusted classifier's features. It imports {@code kadai.tasks},
 * {@code kadai.tasks.data} and {@code kadai.grader.api}; only {@code kadai.tasks.Tasks} refers to
 * it.
 */
package kadai.tasks.gan;
