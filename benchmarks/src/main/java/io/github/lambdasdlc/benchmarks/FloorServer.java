package io.github.lambdasdlc.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lambdasdlc.local.http.LocalHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The floor: a trivial loopback HTTP server (the JDK's, with the local cloud's settings) that answers every
 * request as an Invoke of a function that returns {@code payload}, without signing checks, routing or any
 * code to run. What a client takes against it is what the client and the loopback cost by themselves.
 */
final class FloorServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final byte[] payload;

  private FloorServer(HttpServer server, ExecutorService threads, byte[] payload) {
    this.server = server;
    this.threads = threads;
    this.payload = payload;
  }

  static FloorServer start(byte[] payload) throws IOException {
    LocalHttpServer.applyJdkSettings();
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "bench-floor");
      t.setDaemon(true);
      return t;
    });
    FloorServer floor = new FloorServer(http, threads, payload);
    http.setExecutor(threads);
    http.createContext("/", floor::answer);
    http.start();
    return floor;
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
      exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
      exchange.sendResponseHeaders(200, payload.length);
      exchange.getResponseBody().write(payload);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
