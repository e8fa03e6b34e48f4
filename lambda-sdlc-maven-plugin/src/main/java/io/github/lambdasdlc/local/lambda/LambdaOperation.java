package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operation of Lambda's REST API as Lambda's model declares it (method, request URI with
 * {@code {Label}} path segments, operation name) and the handler that serves it. {@link LambdaOperations}
 * lists them all; routing, operation names (fault plans, request listeners, metrics) and the paths the
 * service claims all come from that one table.
 */
final class LambdaOperation {
  /** Serves one request matched to an operation. */
  @FunctionalInterface
  interface Handler {
    HttpResponse handle(LambdaCall call);
  }

  private final String method;
  private final String uri;
  private final String name;
  private final Handler handler;
  private final List<String> segments;

  LambdaOperation(String method, String uri, String name, Handler handler) {
    this.method = method;
    this.uri = uri;
    this.name = name;
    this.handler = handler;
    this.segments = List.of(uri.substring(1).split("/", -1));
  }

  String method() {
    return method;
  }

  String uri() {
    return uri;
  }

  String name() {
    return name;
  }

  Handler handler() {
    return handler;
  }

  /** The first segment of the URI: the API version ({@code /2015-03-31/}) a request path starts with. */
  String versionPrefix() {
    return "/" + segments.get(0) + "/";
  }

  /**
   * The raw (still URL-encoded) labels of {@code path} when it has this operation's URI shape, else empty.
   * A label is one path segment; the last one may not be empty (so {@code .../aliases/} is no GetAlias).
   * URIs without labels (the collections) also take one trailing slash, as some clients send them.
   */
  Optional<Map<String, String>> match(String path) {
    if (!path.startsWith("/")) {
      return Optional.empty();
    }
    String[] parts = path.substring(1).split("/", -1);
    boolean labelled = uri.indexOf('{') >= 0;
    int count = !labelled && parts.length == segments.size() + 1 && parts[parts.length - 1].isEmpty()
        ? segments.size() : parts.length;
    if (count != segments.size()) {
      return Optional.empty();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String segment = segments.get(i);
      if (segment.startsWith("{") && segment.endsWith("}")) {
        if (i == count - 1 && parts[i].isEmpty()) {
          return Optional.empty();
        }
        labels.put(segment.substring(1, segment.length() - 1), parts[i]);
      } else if (!segment.equals(parts[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(labels);
  }
}
