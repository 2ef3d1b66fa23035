/**
 * The runner protocol: length-prefixed frames, value tags and size caps, and the codec of the
 * values that cross (tensors as shape, dtype and bytes; never Java serialization). It imports
 * nothing of Kadai; {@code kadai.runner} and the grader's {@code kadai.grader.sandbox} share it.
 */
package kadai.runner.protocol;
