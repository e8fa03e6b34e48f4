package io.github.lambdasdlc.local.lambda.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.local.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API of one execution environment, on a free loopback port: the runtime long-polls
 * {@code /next} for an event and posts its result, its error, or the failure of its initialisation. The
 * runtime's states and the answers to requests out of turn follow Lambda's own Runtime API (RAPID):
 * 403 {@code InvalidStateTransition} for a call the state does not allow, 400 {@code InvalidRequestID}
 * for an id that is not the invocation in progress, 413 {@code RequestEntityTooLarge} for a response over
 * 6 MiB + 100 bytes (the invocation then fails with {@code Function.ResponseSizeTooLarge}).
 */
final class RuntimeApiServer implements AutoCloseable {
  /** Lambda's largest synchronous response, as RAPID declares it: 6 MiB + 100 bytes. */
  static final int MAX_PAYLOAD_SIZE = 6 * 1024 * 1024 + 100;

  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final Pattern INVOCATION_RESULT = Pattern.compile(
      "/2018-06-01/runtime/invocation/([^/]+)/(response|error)");
  private static final Pattern ERROR_TYPE = Pattern.compile("(Runtime|Function)\\.[A-Z][a-zA-Z]+");

  /** The runtime's state, named as RAPID names it in its error messages. */
  private enum State {
    STARTED("Started"), RUNNING("Running"), RESPONSE_SENT("RuntimeResponseSentState"), INIT_ERROR("InitError");

    final String rapidName;

    State(String rapidName) {
      this.rapidName = rapidName;
    }
  }

  /** What the runtime answered for an invocation. */
  sealed interface Outcome permits Success, Failure {
  }

  /** A response. */
  record Success(byte[] payload) implements Outcome {
  }

  /** An error document and its {@code Lambda-Runtime-Function-Error-Type}. */
  record Failure(byte[] payload, String errorType) implements Outcome {
  }

  /** One event for the runtime. */
  static final class Invocation {
    final String requestId;
    final byte[] payload;
    final String invokedFunctionArn;
    final long deadlineMs;
    final String traceId;
    final String clientContext;
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    volatile boolean delivered;

    Invocation(String requestId, byte[] payload, String invokedFunctionArn, long deadlineMs, String traceId,
        String clientContext) {
      this.requestId = requestId;
      this.payload = payload;
      this.invokedFunctionArn = invokedFunctionArn;
      this.deadlineMs = deadlineMs;
      this.traceId = traceId;
      this.clientContext = clientContext;
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final io.github.lambdasdlc.local.http.BrowserGuard guard;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Failure> initError = new CompletableFuture<>();
  private State state = State.STARTED;
  private Invocation pending;
  private Invocation current;
  private boolean closed;
  /** Whether the runtime is blocked in {@code /next}: idle, ready for an event. */
  private boolean waitingForNext;

  private RuntimeApiServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
    this.guard = io.github.lambdasdlc.local.http.BrowserGuard.of(server.getAddress());
  }

  static RuntimeApiServer start(String name) throws IOException {
    io.github.lambdasdlc.local.http.LocalHttpServer.applyJdkSettings(); // else ~40 ms per exchange, see there
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    AtomicInteger n = new AtomicInteger();
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name + "-runtime-api-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    RuntimeApiServer api = new RuntimeApiServer(http, threads);
    http.setExecutor(threads);
    http.createContext("/", api::handle);
    http.start();
    return api;
  }

  /** {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Completes when the runtime first asks for an event: its initialisation is done. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  /** Completes when the runtime reports that its initialisation failed. */
  CompletableFuture<Failure> initError() {
    return initError;
  }

  /**
   * Waits up to {@code millis} for the runtime to ask for its next event, and says whether it is asking. A
   * runtime that answered and then exits (the Java runtime interface client ends the JVM after a fatal error
   * or a response it could not post) never asks again.
   */
  synchronized boolean awaitNextRequest(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (!waitingForNext && !closed) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return waitingForNext && !closed;
  }

  /** Offers an event to the runtime; its outcome completes when the runtime answers. */
  synchronized void offer(Invocation invocation) {
    pending = invocation;
    notifyAll();
  }

  /** The invocation is over without an answer (timeout, crash): forget it. */
  synchronized void abandon(Invocation invocation) {
    if (pending == invocation) {
      pending = null;
    }
    if (current == invocation) {
      current = null;
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    server.stop(0);
    threads.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      // Runtimes do not sign their calls, but neither do they send Origin, Sec-Fetch-Site or a foreign Host.
      String refusal = guard.refusal(exchange.getRequestHeaders()::getFirst, false);
      if (refusal != null) {
        drain(exchange.getRequestBody());
        error(exchange, 403, "AccessDeniedException", refusal);
        return;
      }
      String path = exchange.getRequestURI().getRawPath();
      String method = exchange.getRequestMethod();
      if (path.equals(PREFIX + "invocation/next") && method.equals("GET")) {
        next(exchange);
        return;
      }
      Matcher m = INVOCATION_RESULT.matcher(path);
      if (m.matches() && method.equals("POST")) {
        result(exchange, m.group(1), m.group(2).equals("response"));
        return;
      }
      if (path.equals(PREFIX + "init/error") && method.equals("POST")) {
        initError(exchange);
        return;
      }
      drain(exchange.getRequestBody());
      // RAPID's router answers unknown routes with Go's plain 404.
      send(exchange, 404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    drain(exchange.getRequestBody());
    Invocation invocation;
    synchronized (this) {
      if (state == State.INIT_ERROR) {
        forbidden(exchange, "Ready");
        return;
      }
      if (state == State.STARTED) {
        ready.complete(null);
      }
      state = State.RUNNING;
      waitingForNext = true;
      notifyAll();
      try {
        while (!closed && (pending == null || pending.delivered)) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      } finally {
        waitingForNext = false;
      }
      if (closed) {
        return;
      }
      invocation = pending;
      invocation.delivered = true;
      pending = null;
      current = invocation;
    }
    var headers = exchange.getResponseHeaders();
    headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMs));
    headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn);
    headers.set("Lambda-Runtime-Trace-Id", invocation.traceId);
    if (invocation.clientContext != null && !invocation.clientContext.isEmpty()
        && invocation.clientContext.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      // The control plane re-encodes it as ASCII JSON; anything else would fail the whole answer.
      headers.set("Lambda-Runtime-Client-Context", invocation.clientContext);
    }
    send(exchange, 200, "application/json", invocation.payload);
  }

  private void result(HttpExchange exchange, String requestId, boolean success) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean tooLarge = readAtMost(exchange, body, MAX_PAYLOAD_SIZE);
    String errorType = validErrorType(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
    Invocation invocation;
    synchronized (this) {
      if (state != State.RUNNING) {
        forbidden(exchange, success ? "InvocationResponse" : "InvocationErrorResponse");
        return;
      }
      if (current == null || !current.requestId.equals(requestId)) {
        error(exchange, 400, "InvalidRequestID", "Invalid request ID");
        return;
      }
      invocation = current;
      current = null;
      state = State.RESPONSE_SENT;
    }
    if (success && tooLarge) {
      ObjectNode doc = Json.MAPPER.createObjectNode();
      doc.put("errorMessage", "Response payload size exceeded maximum allowed payload size (" + MAX_PAYLOAD_SIZE
          + " bytes).");
      doc.put("errorType", "Function.ResponseSizeTooLarge");
      invocation.outcome.complete(new Failure(Json.MAPPER.writeValueAsBytes(doc), "Function.ResponseSizeTooLarge"));
      error(exchange, 413, "RequestEntityTooLarge", "Exceeded maximum allowed payload size (" + MAX_PAYLOAD_SIZE
          + " bytes).");
      return;
    }
    invocation.outcome.complete(success ? new Success(body.toByteArray()) : new Failure(body.toByteArray(), errorType));
    accepted(exchange);
  }

  private void initError(HttpExchange exchange) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    readAtMost(exchange, body, MAX_PAYLOAD_SIZE);
    String errorType = validErrorType(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"));
    synchronized (this) {
      if (state != State.STARTED) {
        forbidden(exchange, "InitError");
        return;
      }
      state = State.INIT_ERROR;
    }
    initError.complete(new Failure(body.toByteArray(), errorType));
    accepted(exchange);
  }

  /** RAPID keeps a runtime's error type only in the shape {@code Runtime.X} or {@code Function.X}. */
  static String validErrorType(String type) {
    if (type != null && ERROR_TYPE.matcher(type).find()) {
      return type;
    }
    return type != null && type.startsWith("Function.") ? "Function.Unknown" : "Runtime.Unknown";
  }

  private void forbidden(HttpExchange exchange, String to) throws IOException {
    error(exchange, 403, "InvalidStateTransition", "State transition from " + state.rapidName + " to " + to
        + " failed for runtime. Error: State transition is not allowed");
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    send(exchange, 202, "application/json", "{\"status\":\"OK\"}\n".getBytes(StandardCharsets.UTF_8));
  }

  private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("errorMessage", message);
    doc.put("errorType", type);
    byte[] body = (Json.MAPPER.writeValueAsString(doc) + "\n").getBytes(StandardCharsets.UTF_8);
    send(exchange, status, "application/json", body);
  }

  /** Always with a Content-Length: the RIC's HTTP client expects it (JDK's server chunks a length of 0). */
  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Reads a body, keeping at most {@code limit} bytes; true when it was longer. */
  private static boolean readAtMost(HttpExchange exchange, ByteArrayOutputStream out, int limit) throws IOException {
    InputStream in = exchange.getRequestBody();
    long declared = io.github.lambdasdlc.local.http.LocalHttpServer.declaredLength(
        exchange.getRequestHeaders().getFirst("Content-Length"));
    if (declared >= 0 && declared <= limit) {
      // No buffer per answer bigger than the answer.
      out.write(in.readNBytes((int) declared));
      drain(in);
      return false;
    }
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (total + n <= limit) {
        out.write(buffer, 0, n);
      }
      total += n;
    }
    return total > limit;
  }

  private static void drain(InputStream in) throws IOException {
    in.transferTo(OutputStream.nullOutputStream());
  }
}
