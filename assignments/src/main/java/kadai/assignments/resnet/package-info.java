/**
 * Your ResNet blocks: {@code GlobalAveragePooling}, {@code BasicBlock}, {@code Bottleneck} and the
 * {@code ResNetBlocks} that builds them. Fill in the {@code TODO}s; keep the class and method
 * names.
 */
package kadai.assignments.resnet;
