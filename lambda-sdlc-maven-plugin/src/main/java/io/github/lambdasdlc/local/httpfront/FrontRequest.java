package io.github.lambdasdlc.local.httpfront;

import io.github.lambdasdlc.local.http.HttpRequest;

/**
 * One request to a function URL or an HTTP API, as read from the connection.
 *
 * @param http the request (raw path and query, lower-cased header names, the body)
 * @param sourceIp the client's address
 * @param protocol such as {@code HTTP/1.1}
 * @param bodyTooLarge whether the body was over the front's cap (then {@code http} has none)
 */
record FrontRequest(HttpRequest http, String sourceIp, String protocol, boolean bodyTooLarge) {
}
