/**
 * What every feature's HTTP side shares: request filters, the viewer, pages and messages, course
 * time, redirects, server-sent event feeds and the one {@code ErrorMapper} that turns exceptions
 * into answers. Features import it; it imports only {@code kadai.web.account} (to find the viewer).
 */
package kadai.web.http;
