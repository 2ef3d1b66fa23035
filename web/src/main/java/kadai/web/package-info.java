/**
 * The web platform's process: settings, wiring of every feature ({@code KadaiServer}), the
 * {@code kadai serve/worker/submit} command line and the grader it loads. It may import every
 * {@code kadai.web} feature and the grader's public packages; nothing in {@code kadai.web.*}
 * imports it.
 */
package kadai.web;
