/**
 * {@code kadai submit}: send files to a server from a terminal or CI and print the feedback. It
 * imports only {@code kadai.grader.result} (to render the report); only {@code WebMain} uses it.
 */
package kadai.web.cli;
