/**
 * The {@code resnet} task: ResNet-18/34/50 assembled from the student's {@code ResNetBlocks},
 * trained on Fashion-MNIST (it runs isolated, see {@code kadai.tasks.isolated}). It imports
 * {@code kadai.tasks}, {@code data}, {@code isolated} and {@code kadai.grader.api}.
 */
package kadai.tasks.resnet;
