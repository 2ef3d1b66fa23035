/**
 * The demo course made on a first start (assignments with deadlines, demo accounts). It imports
 * {@code account}, {@code assignment} and {@code http}; only the wiring uses it.
 */
package kadai.web.seed;
