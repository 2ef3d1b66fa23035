/**
 * The {@code transfer} training task (lecture notes §3.4): a small CNN pretrained on five
 * Fashion-MNIST classes, then the other five learned from k images per class, from scratch, with
 * the pretrained features frozen, and fine-tuned. An instructor's demonstration: it runs no
 * student code. May use {@code kadai.tasks.classify}, {@code kadai.tasks.data} and DJL.
 */
package kadai.tasks.transfer;
