/**
 * The {@link kadai.assignments.Layer} interface that every layer you write implements (provided: do
 * not edit; the grader uses its own copy).
 */
package kadai.assignments;
