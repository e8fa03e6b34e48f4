package io.github.lambdasdlc.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy in front of a local cloud that records each AWS API call passing through (service
 * from the SigV4 scope, operation from the Query {@code Action}, the JSON target or the REST path) and the
 * bytes of its body: it counts what a separate process, such as a {@code mvn} build, asks of the cloud.
 */
final class CountingProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "transfer-encoding", "keep-alive");
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final List<String> calls = new ArrayList<>();
  private long bodyBytes;

  CountingProxy(URI target) throws IOException {
    this.target = target;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-proxy");
      t.setDaemon(true);
      return t;
    }));
    server.createContext("/", this::forward);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      record(exchange, body);
      HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase())) {
          values.forEach(v -> request.header(name, v));
        }
      });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      response.headers().map().forEach((name, values) -> {
        if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
          exchange.getResponseHeaders().put(name, values);
        }
      });
      byte[] out = response.body();
      exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
      if (out.length > 0) {
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(out);
        }
      }
    }
  }

  private synchronized void record(HttpExchange exchange, byte[] body) {
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    Matcher scope = SCOPE.matcher(auth);
    String service = scope.find() ? scope.group(1) : "?";
    String operation;
    String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    Matcher action = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
    if (amzTarget != null) {
      operation = amzTarget.substring(amzTarget.indexOf('.') + 1);
    } else if (action.find()) {
      operation = action.group(1);
    } else {
      operation = lambdaOperation(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
          .replaceAll("/functions/[^/]+", "/functions/{name}"));
    }
    calls.add(service + "." + operation);
    bodyBytes += body.length;
  }

  /** Lambda's REST routes, named as its API names them (others stay as method and path). */
  private static String lambdaOperation(String route) {
    return switch (route) {
      case "GET /2015-03-31/functions/{name}/configuration" -> "GetFunctionConfiguration";
      case "PUT /2015-03-31/functions/{name}/configuration" -> "UpdateFunctionConfiguration";
      case "PUT /2015-03-31/functions/{name}/code" -> "UpdateFunctionCode";
      case "GET /2015-03-31/functions/{name}" -> "GetFunction";
      case "POST /2015-03-31/functions/{name}/invocations" -> "Invoke";
      case "POST /2015-03-31/functions/{name}/versions" -> "PublishVersion";
      default -> route;
    };
  }

  synchronized void reset() {
    calls.clear();
    bodyBytes = 0;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized long bodyBytes() {
    return bodyBytes;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
