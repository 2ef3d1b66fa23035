/**
 * Helpers for your tests (provided: do not edit): {@code Tensors} compares arrays the way the
 * grader does, {@code GradientCheck} checks a backward pass against finite differences.
 */
package kadai.assignments.testing;
