package io.github.lambdasdlc.local.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as the local cloud's services see it: already read whole, with header names in lower
 * case. {@link #path()} is the raw (still percent-encoded) path, because Lambda's routes carry function
 * ARNs whose {@code :} may be encoded or not, and each route decodes its own segments.
 */
public final class HttpRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers;
  private final byte[] body;

  public HttpRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery == null ? "" : rawQuery;
    Map<String, List<String>> lower = new LinkedHashMap<>();
    headers.forEach((k, v) -> lower.computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new java.util.ArrayList<>()).addAll(v));
    this.headers = Collections.unmodifiableMap(lower);
    this.body = body;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public String rawQuery() {
    return rawQuery;
  }

  /** The first value of a header, looked up without regard to case. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public Map<String, List<String>> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Query parameters, decoded; a repeated name keeps its first value. */
  public Map<String, String> queryParameters() {
    return decodeForm(rawQuery);
  }

  /** Decodes {@code application/x-www-form-urlencoded} text (a query string or a form body). */
  public static Map<String, String> decodeForm(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  /**
   * The AWS service this request was signed for: the fourth part of the SigV4 credential scope
   * ({@code Credential=AKID/20260101/us-east-1/lambda/aws4_request}), or empty when it is not signed.
   */
  public Optional<String> signingService() {
    return header("authorization").flatMap(HttpRequest::serviceFromAuthorization);
  }

  static Optional<String> serviceFromAuthorization(String authorization) {
    int at = authorization.indexOf("Credential=");
    if (at < 0) {
      return Optional.empty();
    }
    int end = authorization.indexOf(',', at);
    String credential = authorization.substring(at + "Credential=".length(), end < 0 ? authorization.length() : end).trim();
    String[] parts = credential.split("/");
    // AKID / date / region / service / aws4_request; an access key may itself not contain '/'.
    return parts.length >= 5 ? Optional.of(parts[parts.length - 2]) : Optional.empty();
  }
}
