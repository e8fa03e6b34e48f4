/**
 * The local cloud's HTTP front: function URLs (and HTTP APIs) served on loopback ports of their own, each
 * request translated into the payload format 2.0 event and the function's answer back into HTTP. These ports
 * are the one place the local cloud answers unsigned requests, by design: a function URL with AuthType
 * {@code NONE} is public on AWS too. They listen on loopback only, whatever the API port's bind address, and
 * refuse requests whose Host names no loopback host (a web page that rebinds its own name to 127.0.0.1).
 */
package io.github.lambdasdlc.local.httpfront;
