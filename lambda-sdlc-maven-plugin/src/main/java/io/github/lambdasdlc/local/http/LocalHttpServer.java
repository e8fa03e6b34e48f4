package io.github.lambdasdlc.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local cloud's one HTTP endpoint. Each request goes to the service named by its SigV4 credential
 * scope, as AWS's own endpoints are per service; unsigned requests go to the service that claims their
 * shape. Bodies are read whole (with a cap) before a service sees them.
 */
public final class LocalHttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());

  /**
   * The largest request body accepted: a 50 MiB zip, base64-encoded inside a JSON document (4/3 of its
   * size), with room to spare. Lambda itself answers 413 RequestEntityTooLargeException past its limit.
   */
  public static final int MAX_BODY_BYTES = 80 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Service> services;

  private LocalHttpServer(HttpServer server, ExecutorService executor, List<Service> services) {
    this.server = server;
    this.executor = executor;
    this.services = List.copyOf(services);
  }

  /** The JDK server's switch for TCP_NODELAY on the sockets it accepts (read once, when it is first used). */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /**
   * Turns on TCP_NODELAY for the JDK's HTTP servers in this JVM unless someone chose otherwise. The JDK
   * server writes a response's headers and body in separate writes; with Nagle's algorithm on, the body
   * waits for the client's delayed ACK of the headers (40 ms on Linux), which made every warm invocation
   * (one exchange with the client, two with the runtime) take over 100 ms. Must run before the first
   * {@link HttpServer} of the JVM is created: the JDK reads the property once.
   */
  public static void preferLowLatency() {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
  }

  /** Binds to {@code address:port} (port 0 picks a free one) and starts serving. */
  public static LocalHttpServer start(InetAddress address, int port, List<Service> services) throws IOException {
    preferLowLatency();
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
    AtomicInteger threads = new AtomicInteger();
    // Invocations hold their request thread until the function answers: threads are made on demand.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(2, 512, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "local-cloud-http-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    LocalHttpServer local = new LocalHttpServer(server, executor, services);
    server.setExecutor(executor);
    server.createContext("/", local::exchange);
    server.start();
    return local;
  }

  /** The endpoint URL clients use, such as {@code http://127.0.0.1:4566}. */
  public URI endpoint() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse response;
      try {
        byte[] body = readBody(exchange.getRequestBody());
        if (body == null) {
          response = ServiceErrors.plain(413, "RequestEntityTooLargeException",
              "Request must be smaller than " + MAX_BODY_BYTES + " bytes.");
        } else {
          URI uri = exchange.getRequestURI();
          HttpRequest request = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
              exchange.getRequestHeaders(), body);
          response = route(request);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The local cloud failed to answer a request", e);
        response = ServiceErrors.plain(500, "InternalFailure", "The local cloud failed: " + e);
      }
      send(exchange, response);
    } catch (IOException e) {
      // The client went away; nothing to answer.
      LOG.log(Level.FINE, "Client connection closed", e);
    }
  }

  HttpResponse route(HttpRequest request) {
    Optional<String> scope = request.signingService();
    if (scope.isPresent()) {
      for (Service service : services) {
        if (service.signingName().equals(scope.get())) {
          return service.handle(request);
        }
      }
      return ServiceErrors.plain(400, "UnrecognizedClientException",
          "The local cloud does not emulate the AWS service '" + scope.get() + "'. It serves: "
              + String.join(", ", services.stream().map(Service::signingName).toList()) + ".");
    }
    for (Service service : services) {
      if (service.claims(request)) {
        return service.handle(request);
      }
    }
    return ServiceErrors.plain(400, "MissingAuthenticationTokenException",
        "Missing Authentication Token: sign the request with SigV4 (any access key works here) so that its"
            + " credential scope names the service.");
  }

  private static byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    int total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > MAX_BODY_BYTES) {
        in.transferTo(OutputStream.nullOutputStream());
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private static void send(HttpExchange exchange, HttpResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = response.body();
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod())
        || response.status() == 204 || response.status() == 304;
    // -1: no body; a positive length: sent with Content-Length (never chunked).
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
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

  /** A plain JSON error, for requests no service has claimed yet. */
  static final class ServiceErrors {
    private ServiceErrors() {
    }

    static HttpResponse plain(int status, String code, String message) {
      String json = "{\"__type\":\"" + code + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
      return new HttpResponse(status, "application/json", json.getBytes(StandardCharsets.UTF_8))
          .header("x-amzn-ErrorType", code)
          .header("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    }
  }
}
