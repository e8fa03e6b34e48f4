package io.github.lambdasdlc.local.httpfront;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.RequestThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One loopback port serving one function URL or HTTP API. Bodies are read whole up to {@link #MAX_BODY_BYTES};
 * a larger one is not kept and the handler is told. Whatever the handler throws is answered with 500.
 */
final class FrontServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FrontServer.class.getName());
  /** Past Invoke's 6 MB request limit (the event adds headers and base64 to the body), with room to tell 413. */
  static final int MAX_BODY_BYTES = 6_291_456;
  private static final int MAX_THREADS = 64;

  private final HttpServer server;
  private final ThreadPoolExecutor executor;
  private final Function<FrontRequest, HttpResponse> handler;

  private FrontServer(HttpServer server, ThreadPoolExecutor executor, Function<FrontRequest, HttpResponse> handler) {
    this.server = server;
    this.executor = executor;
    this.handler = handler;
  }

  /**
   * Listens on loopback at {@code port}, or on a free port when {@code port} is 0 or is taken (logged: the
   * URL then changes).
   */
  static FrontServer start(int port, String name, Function<FrontRequest, HttpResponse> handler) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(loopback, port), 64);
    } catch (BindException e) {
      if (port == 0) {
        throw e;
      }
      LOG.warning("The port " + port + " of " + name + " is taken by another program: it moves to a free port, and"
          + " its URL changes.");
      server = HttpServer.create(new InetSocketAddress(loopback, 0), 64);
    }
    ThreadPoolExecutor executor = RequestThreads.create("local-cloud-" + name, MAX_THREADS);
    FrontServer front = new FrontServer(server, executor, handler);
    server.setExecutor(executor);
    server.createContext("/", front::exchange);
    server.start();
    return front;
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The URL clients call: {@code http://127.0.0.1:<port>/}. */
  URI url() {
    String host = server.getAddress().getAddress().getHostAddress();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse response;
      try {
        response = answer(exchange);
      } catch (RuntimeException | Error e) {
        LOG.log(Level.WARNING, "The local cloud's HTTP front failed to answer " + exchange.getRequestMethod() + " "
            + exchange.getRequestURI().getRawPath(), e);
        response = FrontResponses.message(500, "Internal Server Error");
      }
      send(exchange, response);
    } catch (IOException e) {
      LOG.log(Level.FINE, "Client connection closed", e);
    }
  }

  private HttpResponse answer(HttpExchange exchange) throws IOException {
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host == null || !loopbackHost(host)) {
      return FrontResponses.message(403, "Forbidden: the Host header must name a loopback host (127.0.0.1, [::1],"
          + " localhost or *.localhost), as a web page rebinding its own host name to 127.0.0.1 would not.");
    }
    URI uri = exchange.getRequestURI();
    byte[] body = readBody(exchange.getRequestBody());
    HttpRequest http = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
        exchange.getRequestHeaders(), body == null ? new byte[0] : body);
    InetSocketAddress remote = exchange.getRemoteAddress();
    String sourceIp = remote == null ? "127.0.0.1" : remote.getAddress().getHostAddress();
    return handler.apply(new FrontRequest(http, sourceIp, exchange.getProtocol(), body == null));
  }

  /** Whether a Host header names this machine's loopback: a rebound name (a web page's) does not. */
  static boolean loopbackHost(String hostHeader) {
    String value = hostHeader.trim().toLowerCase(Locale.ROOT);
    int colon = value.lastIndexOf(':');
    String name = colon > value.lastIndexOf(']') ? value.substring(0, colon) : value;
    return name.equals("localhost") || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}")
        || name.equals("[::1]");
  }

  /** The body, or null when it is over the cap (the rest is not read: the connection closes after the answer). */
  private static byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      if (out.size() + n > MAX_BODY_BYTES) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
    response.headers().forEach((k, v) -> {
      if (k.equalsIgnoreCase("Set-Cookie")) {
        for (String cookie : v.split("\n")) {
          exchange.getResponseHeaders().add("Set-Cookie", cookie);
        }
      } else {
        exchange.getResponseHeaders().set(k, v);
      }
    });
    byte[] body = response.body();
    boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.status() == 204 || response.status() == 304;
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length == 0 ? -1 : body.length);
    if (!noBody && body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
