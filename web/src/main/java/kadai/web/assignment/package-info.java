/**
 * The assignment pages: the catalogue of assignments, their course settings, handouts and the
 * personalised starter kit. It imports {@code kadai.web.http} and sees submissions only through its
 * own {@code Standings} interface, so it never imports {@code kadai.web.submission}.
 */
package kadai.web.assignment;
