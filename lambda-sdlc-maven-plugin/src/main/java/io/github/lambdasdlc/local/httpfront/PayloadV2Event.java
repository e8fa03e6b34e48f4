package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.http.HttpRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request as the payload format 2.0 event that function URLs and HTTP APIs hand a function: the raw
 * path and query, headers with lower-case names (repeated ones joined by commas) but without {@code cookie},
 * the cookies as a list, the decoded query parameters (repeated ones joined by commas), the request context,
 * and the body, base64-encoded unless its content type is text.
 */
final class PayloadV2Event {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private PayloadV2Event() {
  }

  /**
   * The event.
   *
   * @param context the request context's fields that depend on what serves the request (accountId, apiId,
   *     domainName, domainPrefix, stage, authorizer...): copied first, the HTTP facts added to it
   * @param routeKey {@code $default}, or an HTTP API's route such as {@code GET /items}
   */
  static ObjectNode of(FrontRequest request, ObjectNode context, String routeKey, String requestId, Instant now) {
    HttpRequest http = request.http();
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("version", "2.0");
    event.put("routeKey", routeKey);
    event.put("rawPath", http.path());
    event.put("rawQueryString", http.rawQuery());
    List<String> cookies = http.headers().getOrDefault("cookie", List.of());
    if (!cookies.isEmpty()) {
      ArrayNode list = event.putArray("cookies");
      for (String header : cookies) {
        for (String cookie : header.split(";")) {
          if (!cookie.isBlank()) {
            list.add(cookie.trim());
          }
        }
      }
    }
    ObjectNode headers = event.putObject("headers");
    http.headers().forEach((name, values) -> {
      if (!name.equals("cookie")) {
        headers.put(name, String.join(",", values));
      }
    });
    Map<String, String> query = query(http.rawQuery());
    if (!query.isEmpty()) {
      ObjectNode params = event.putObject("queryStringParameters");
      query.forEach(params::put);
    }
    ObjectNode requestContext = event.putObject("requestContext");
    requestContext.setAll(context);
    ObjectNode h = requestContext.putObject("http");
    h.put("method", http.method());
    h.put("path", decodePath(http.path()));
    h.put("protocol", request.protocol());
    h.put("sourceIp", request.sourceIp());
    h.put("userAgent", http.header("user-agent").orElse(""));
    requestContext.put("requestId", requestId);
    requestContext.put("routeKey", routeKey);
    if (!requestContext.has("stage")) {
      requestContext.put("stage", "$default");
    }
    requestContext.put("time", TIME.format(now));
    requestContext.put("timeEpoch", now.toEpochMilli());
    byte[] body = http.body();
    boolean text = isText(http.header("content-type").orElse(null));
    if (body.length > 0) {
      event.put("body", text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
    }
    event.put("isBase64Encoded", body.length > 0 && !text);
    return event;
  }

  /** Whether a body of this content type reaches the function as text (else base64), as API Gateway and Lambda judge it. */
  static boolean isText(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
        || type.equals("application/xml") || type.endsWith("+xml") || type.equals("application/javascript")
        || type.equals("application/graphql")
        || type.equals("application/yaml") || type.equals("application/x-yaml");
  }

  /** Query parameters decoded, repeated names' values joined by commas in their order. */
  static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = decode(eq < 0 ? "" : pair.substring(eq + 1));
      out.merge(key, value, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // not valid percent-encoding: passed on as sent
    }
  }

  private static String decodePath(String rawPath) {
    try {
      return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return rawPath;
    }
  }
}
