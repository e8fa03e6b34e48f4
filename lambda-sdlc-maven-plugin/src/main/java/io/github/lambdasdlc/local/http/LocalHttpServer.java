package io.github.lambdasdlc.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.local.AwsError;
import io.github.lambdasdlc.local.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
  private final FaultInjector faults;
  private volatile RequestListener requestListener;

  private LocalHttpServer(HttpServer server, ExecutorService executor, List<Service> services, FaultPlan faultPlan) {
    this.server = server;
    this.executor = executor;
    this.services = List.copyOf(services);
    this.faults = new FaultInjector(faultPlan);
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
    return start(address, port, services, FaultPlan.none());
  }

  /**
   * Binds to {@code address:port} (port 0 picks a free one) and starts serving, failing requests on
   * purpose as {@code faultPlan} says.
   */
  public static LocalHttpServer start(InetAddress address, int port, List<Service> services, FaultPlan faultPlan)
      throws IOException {
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
    LocalHttpServer local = new LocalHttpServer(server, executor, services, faultPlan);
    server.setExecutor(executor);
    server.createContext("/", local::observedExchange);
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

  /** How many faults of each kind the fault plan has injected so far. */
  public java.util.Map<FaultKind, Long> faultsInjected() {
    return faults.injected();
  }

  /** Tells {@code listener} about every request answered from now on; null stops telling. */
  public void onServed(RequestListener listener) {
    this.requestListener = listener;
  }

  private static final String REQUEST_ATTRIBUTE = "lambda-sdlc.request";

  /** {@link #exchange}, timed for the request listener when there is one. */
  private void observedExchange(HttpExchange exchange) throws IOException {
    RequestListener listener = requestListener;
    if (listener == null) {
      exchange(exchange);
      return;
    }
    long started = System.nanoTime();
    try {
      exchange(exchange);
    } finally {
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      try {
        HttpRequest request = (HttpRequest) exchange.getAttribute(REQUEST_ATTRIBUTE);
        Service service = request == null ? null : resolve(request);
        listener.served(new RequestListener.Served(service == null ? null : service.signingName(),
            service == null ? null : service.operationName(request), exchange.getResponseCode(), took));
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "A request listener failed", e);
      }
    }
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      FaultInjector.Outcome outcome;
      try {
        URI uri = exchange.getRequestURI();
        byte[] body;
        try {
          body = readBody(exchange.getRequestBody());
        } catch (IOException e) {
          // The body ended before its Content-Length (the client shut its side): answer if it still listens.
          HttpRequest headersOnly = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
              exchange.getRequestHeaders(), new byte[0]);
          send(exchange, inServiceShape(headersOnly, new AwsError(400, "IncompleteBody",
              "You did not provide the number of bytes specified by the Content-Length HTTP header.")));
          return;
        }
        HttpRequest request = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
            exchange.getRequestHeaders(), body == null ? new byte[0] : body);
        exchange.setAttribute(REQUEST_ATTRIBUTE, request);
        outcome = body == null ? FaultInjector.Outcome.normal(tooLarge(request)) : serve(request);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "The local cloud failed to answer a request", e);
        outcome = FaultInjector.Outcome.normal(
            ServiceErrors.plain(500, "InternalFailure", "The local cloud failed: " + e));
      }
      if (outcome.drop() != null) {
        sendAndDrop(exchange, outcome.response(), outcome.drop());
      } else {
        send(exchange, outcome.response());
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
      LOG.log(Level.FINE, "Client connection closed", e);
    }
  }

  /** The service for a request: the one its SigV4 scope names, else the one claiming its shape; or null. */
  private Service resolve(HttpRequest request) {
    Optional<String> scope = request.signingService();
    if (scope.isPresent()) {
      for (Service service : services) {
        if (service.signingName().equals(scope.get())) {
          return service;
        }
      }
      return null;
    }
    for (Service service : services) {
      if (service.claims(request)) {
        return service;
      }
    }
    return null;
  }

  /** Routes through the fault plan: the decorator around {@link #route}. */
  private FaultInjector.Outcome serve(HttpRequest request) {
    Service service = resolve(request);
    if (service == null) {
      return FaultInjector.Outcome.normal(unrouted(request));
    }
    return faults.apply(service, request, service::handle);
  }

  HttpResponse route(HttpRequest request) {
    Service service = resolve(request);
    return service == null ? unrouted(request) : service.handle(request);
  }

  private HttpResponse unrouted(HttpRequest request) {
    Optional<String> scope = request.signingService();
    if (scope.isPresent()) {
      return ServiceErrors.plain(400, "UnrecognizedClientException",
          "The local cloud does not emulate the AWS service '" + scope.get() + "'. It serves: "
              + String.join(", ", services.stream().map(Service::signingName).toList()) + ".");
    }
    return ServiceErrors.plain(400, "MissingAuthenticationTokenException",
        "Missing Authentication Token: sign the request with SigV4 (any access key works here) so that its"
            + " credential scope names the service.");
  }

  /** A body over the cap, answered in the protocol of the service it was for (its body is not kept). */
  private HttpResponse tooLarge(HttpRequest request) {
    return inServiceShape(request, new AwsError(413, "RequestEntityTooLargeException",
        "Request must be smaller than " + MAX_BODY_BYTES + " bytes."));
  }

  /** An error found before a service saw the request, in the shape of the service it was for. */
  private HttpResponse inServiceShape(HttpRequest request, AwsError error) {
    Service service = resolve(request);
    return service == null ? ServiceErrors.plain(error.status(), error.code(), error.getMessage())
        : service.errorResponse(error);
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

  /**
   * Breaks the connection after the service acted: at once ({@link FaultKind#DROP_BEFORE_RESPONSE}, or
   * an answer without a body), or after the status line, the headers with the body's full Content-Length
   * and half of the body ({@link FaultKind#DROP_MID_RESPONSE}).
   */
  private static void sendAndDrop(HttpExchange exchange, HttpResponse response, FaultKind drop) throws IOException {
    byte[] body = response.body();
    if (drop == FaultKind.DROP_BEFORE_RESPONSE || body.length == 0 || "HEAD".equals(exchange.getRequestMethod())
        || response.status() == 204) {
      // Closing an exchange that has sent nothing closes its connection: the client reads end-of-stream.
      exchange.close();
      return;
    }
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    exchange.sendResponseHeaders(response.status(), body.length);
    OutputStream out = exchange.getResponseBody();
    out.write(body, 0, body.length / 2);
    out.flush();
    // Closing the exchange while its fixed-length stream is short makes the JDK server close the
    // connection (closing the stream itself first would leave the connection open and the client waiting).
    exchange.close();
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
      com.fasterxml.jackson.databind.node.ObjectNode doc = Json.MAPPER.createObjectNode();
      doc.put("__type", code);
      doc.put("message", message);
      byte[] json;
      try {
        json = Json.MAPPER.writeValueAsBytes(doc);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        json = ("{\"__type\":\"" + code + "\"}").getBytes(StandardCharsets.UTF_8);
      }
      return new HttpResponse(status, "application/json", json)
          .header("x-amzn-ErrorType", code)
          .header("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
    }
  }
}
