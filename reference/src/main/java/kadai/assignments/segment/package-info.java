/**
 * The instructor's reference implementation of the {@code segment} assignment
 * ({@code TransposedConvolution}, {@code IndexedMaxPooling}, {@code MaxUnpooling},
 * {@code SkipConnection}, {@code PixelCrossEntropy}, {@code UNets}), under the starter kit's package
 * and class names (a split package: the stubs are in {@code assignments/}). It imports only DJL and
 * {@code kadai.assignments} (and the reference {@code conv.ConvOps}); nothing imports it: the grader
 * bundles it as a jar and loads it through {@code kadai.grader.ReferenceImplementation}.
 */
package kadai.assignments.segment;
