package io.github.lambdasdlc.local.httpfront;

import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.FunctionUrlFront;
import io.github.lambdasdlc.local.lambda.LambdaService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The local cloud's HTTP front: one loopback port per function URL. AWS's URL
 * ({@code https://<url-id>.lambda-url.<region>.on.aws/}) cannot be served locally, and a host name such as
 * {@code <url-id>.lambda-url.<region>.localhost} resolves to loopback in curl and browsers but not in every
 * client (glibc, Python, Java ask DNS for it): so each URL is {@code http://127.0.0.1:<port>/}, which every
 * client can call, with the path and query the function sees exactly as sent. The port is stored with the
 * URL and taken again at the next start, so the URL stays the same across restarts.
 */
public final class HttpFront implements FunctionUrlFront, AutoCloseable {
  private final LambdaService lambda;
  private final LocalContext context;
  private final Map<String, FrontServer> servers = new HashMap<>();

  public HttpFront(LambdaService lambda, LocalContext context) {
    this.lambda = lambda;
    this.context = context;
  }

  @Override
  public synchronized URI serve(String urlId, int port) {
    FrontServer server = servers.get(urlId);
    if (server == null) {
      try {
        server = FrontServer.start(port, "function-url-" + urlId.substring(0, Math.min(8, urlId.length())),
            new FunctionUrlHandler(urlId, lambda, context));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open a loopback port for a function URL: " + e.getMessage(), e);
      }
      servers.put(urlId, server);
    }
    return server.url();
  }

  @Override
  public synchronized void stop(String urlId) {
    FrontServer server = servers.remove(urlId);
    if (server != null) {
      server.close();
    }
  }

  @Override
  public synchronized void close() {
    for (FrontServer server : List.copyOf(servers.values())) {
      server.close();
    }
    servers.clear();
  }
}
