/**
 * Your max-pooling layer, {@code MaxPooling}: forward and backward. It may call your own
 * {@code kadai.assignments.conv.ConvOps}. Fill in the {@code TODO}s; keep the class and method
 * names.
 */
package kadai.assignments.pool;
