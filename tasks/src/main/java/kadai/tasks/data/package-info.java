/**
 * Trusted data for the tasks: Fashion-MNIST from Debian's IDX files, image sets, batching,
 * augmentation and scoring. It imports nothing of Kadai, so every task (and the web platform's task
 * pages) may use it.
 */
package kadai.tasks.data;
