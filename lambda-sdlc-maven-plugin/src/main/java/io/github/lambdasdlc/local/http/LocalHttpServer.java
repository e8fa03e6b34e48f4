package io.github.lambdasdlc.local.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.RequestListener;
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
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local cloud's one HTTP endpoint. Each request goes to the service named by its SigV4 credential
 * scope, as AWS's own endpoints are per service. Bodies are read whole (with a cap) before a service sees
 * them. Only signed requests are served (any key is accepted: the signature is not checked), and none that a
 * web page could have sent ({@link BrowserGuard}); a refused request is answered, in the shape of the service
 * that claims it, with AWS's 403 for an unsigned request. Whatever a service throws, even an Error, is
 * answered with that service's 500 and the server keeps serving.
 */
public final class LocalHttpServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalHttpServer.class.getName());

  /**
   * The largest request body accepted: a 50 MiB zip, base64-encoded inside a JSON document (4/3 of its
   * size), with room to spare. Lambda itself answers 413 RequestEntityTooLargeException past its limit.
   */
  public static final int MAX_BODY_BYTES = 80 * 1024 * 1024;
  /** The most requests served at once (each invocation holds one until its function answers). */
  static final int MAX_THREADS = 512;

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Service> services;
  private final FaultInjector faults;
  private final BrowserGuard guard;
  private volatile RequestListener requestListener;

  private LocalHttpServer(HttpServer server, ExecutorService executor, List<Service> services, FaultPlan faultPlan) {
    this.server = server;
    this.executor = executor;
    this.services = List.copyOf(services);
    this.faults = new FaultInjector(faultPlan);
    this.guard = BrowserGuard.of(server.getAddress());
  }

  /** The JDK server's switch for TCP_NODELAY on the sockets it accepts (read once, when it is first used). */
  static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  /** The JDK server's bound, in seconds, on reading a request once its connection is readable (read once). */
  static final String MAX_REQUEST_TIME_PROPERTY = "sun.net.httpserver.maxReqTime";
  /**
   * How long a client may take to send a request's headers and body: far more than any tool needs on loopback
   * (an 80 MiB body included), short enough that connections which trickle a request out byte by byte
   * (slowloris) give their threads back soon.
   */
  static final int MAX_REQUEST_SECONDS = 15;

  /**
   * Sets the JDK's HTTP servers of this JVM up for the local cloud, unless someone chose otherwise. Must run
   * before the first {@link HttpServer} of the JVM is created: the JDK reads these properties once.
   * <ul>
   *   <li>TCP_NODELAY: the JDK server writes a response's headers and body in separate writes; with Nagle's
   *       algorithm on, the body waits for the client's delayed ACK of the headers (40 ms on Linux), which made
   *       every warm invocation (one exchange with the client, two with the runtime) take over 100 ms.</li>
   *   <li>{@value #MAX_REQUEST_TIME_PROPERTY}: the JDK server hands a connection to a thread as soon as it has
   *       bytes to read, and the thread blocks until the request is complete; without a bound, a few hundred
   *       connections that never finish their request hold every thread for good. (Connections that send
   *       nothing take no thread; the JDK closes them, and idle kept-alive ones, on its own timers.)</li>
   * </ul>
   */
  public static void applyJdkSettings() {
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    if (System.getProperty(MAX_REQUEST_TIME_PROPERTY) == null) {
      System.setProperty(MAX_REQUEST_TIME_PROPERTY, Integer.toString(MAX_REQUEST_SECONDS));
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
    applyJdkSettings();
    HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 128);
    // Invocations hold their request thread until the function answers: threads are made on demand, up to
    // MAX_THREADS; past that, requests wait for a free thread rather than being refused.
    ThreadPoolExecutor executor = RequestThreads.create("local-cloud-http", MAX_THREADS);
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
      HttpRequest request = null;
      try {
        URI uri = exchange.getRequestURI();
        byte[] body;
        try {
          body = readBody(exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Length"));
        } catch (IOException e) {
          // The body ended before its Content-Length (the client shut its side): answer if it still listens.
          HttpRequest headersOnly = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
              exchange.getRequestHeaders(), new byte[0]);
          send(exchange, inServiceShape(headersOnly, new AwsError(400, "IncompleteBody",
              "You did not provide the number of bytes specified by the Content-Length HTTP header.")));
          return;
        }
        request = new HttpRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
            exchange.getRequestHeaders(), body == null ? new byte[0] : body);
        exchange.setAttribute(REQUEST_ATTRIBUTE, request);
        String refusal = refusal(request);
        if (refusal != null) {
          outcome = FaultInjector.Outcome.normal(refused(request, refusal));
        } else {
          outcome = body == null ? FaultInjector.Outcome.normal(tooLarge(request)) : serve(request);
        }
      } catch (Throwable e) {
        // Even an Error (a stack overflow, memory exhausted by one request) is answered; the thread lives on.
        outcome = FaultInjector.Outcome.normal(failed(request, e));
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

  /** Why a request is not served (unsigned, or from a web page), or null when it is. */
  private String refusal(HttpRequest request) {
    String browser = guard.refusal(name -> request.header(name).orElse(null), true);
    if (browser != null) {
      return browser;
    }
    boolean signed = request.header("Authorization").map(a -> a.trim().startsWith("AWS4-HMAC-SHA256 ")).orElse(false);
    if (signed) {
      return null;
    }
    Service service = resolve(request);
    if (service != null && service.servesUnsigned(request)) {
      return null;
    }
    return "The local cloud answers only requests signed with AWS Signature Version 4 (an Authorization header"
        + " 'AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, ...'; any key works), as"
        + " the AWS SDKs and CLIs send them: a web page cannot.";
  }

  /** A refusal, in the shape of the service the request is for (plain JSON when none claims it). */
  private HttpResponse refused(HttpRequest request, String why) {
    Service service = resolve(request);
    return service == null ? ServiceErrors.plain(403, "MissingAuthenticationTokenException",
        "Missing Authentication Token. " + why) : service.refusal(why);
  }

  /**
   * The answer to a request whose handling threw: the service's own 500 (its injected-fault document, which
   * quotes nothing from the request or the exception), the details in the log. A stack overflow's trace is
   * cut to its top, not a thousand repeated frames per request.
   */
  private HttpResponse failed(HttpRequest request, Throwable e) {
    try {
      String what = request == null ? "a request" : request.method() + " " + request.path();
      if (e instanceof StackOverflowError) {
        StackTraceElement[] trace = e.getStackTrace();
        LOG.warning("The local cloud failed to answer " + what + ": " + e + " at "
            + java.util.Arrays.asList(trace).subList(0, Math.min(8, trace.length)));
      } else {
        LOG.log(Level.WARNING, "The local cloud failed to answer " + what, e);
      }
      Service service = request == null ? null : resolve(request);
      return service == null ? ServiceErrors.plain(500, "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.")
          : service.faultResponse(FaultKind.INTERNAL_ERROR);
    } catch (Throwable again) {
      return ServiceErrors.plain(500, "InternalFailure",
          "The request processing has failed because of an unknown error, exception or failure.");
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
      return UnemulatedService.answer(request, scope.get(), services.stream().map(Service::signingName).toList());
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

  /**
   * The body, or null (and the body skipped) when it is over the cap. A body of a declared length is read
   * into an array of that length: no buffer per request bigger than the request.
   */
  private static byte[] readBody(InputStream in, String contentLength) throws IOException {
    long declared = declaredLength(contentLength);
    if (declared > MAX_BODY_BYTES) {
      in.transferTo(OutputStream.nullOutputStream());
      return null;
    }
    if (declared >= 0) {
      return in.readNBytes((int) declared);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
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

  /** A request's Content-Length, or -1 when it has none (chunked) or one that is not a number. */
  public static long declaredLength(String contentLength) {
    if (contentLength == null) {
      return -1;
    }
    try {
      long n = Long.parseLong(contentLength.trim());
      return n < 0 ? -1 : n;
    } catch (NumberFormatException e) {
      return -1;
    }
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
