/**
 * Benchmarks of the tasks (a native DJL epoch of the {@code cnn} network, for
 * {@code docs/benchmarks.md}). It imports {@code kadai.tasks.data}; nothing imports it.
 */
package kadai.tasks.bench;
