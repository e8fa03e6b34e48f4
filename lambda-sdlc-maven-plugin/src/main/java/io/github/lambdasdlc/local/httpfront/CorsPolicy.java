package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A function URL's {@code Cors} settings applied as Lambda applies them: a preflight ({@code OPTIONS} with
 * {@code Origin} and {@code Access-Control-Request-Method}) is answered without invoking the function, and
 * every other answer to an allowed origin carries the CORS headers, replacing any the function set.
 */
final class CorsPolicy {
  private final List<String> allowOrigins;
  private final List<String> allowMethods;
  private final List<String> allowHeaders;
  private final List<String> exposeHeaders;
  private final boolean allowCredentials;
  private final Integer maxAge;

  private CorsPolicy(JsonNode cors) {
    this.allowOrigins = strings(cors.get("AllowOrigins"));
    this.allowMethods = strings(cors.get("AllowMethods"));
    this.allowHeaders = strings(cors.get("AllowHeaders"));
    this.exposeHeaders = strings(cors.get("ExposeHeaders"));
    this.allowCredentials = cors.path("AllowCredentials").asBoolean(false);
    this.maxAge = cors.hasNonNull("MaxAge") ? cors.get("MaxAge").asInt() : null;
  }

  /** The policy of a Cors structure; null when there is none (requests then reach the function unchanged). */
  static CorsPolicy of(JsonNode cors) {
    return cors == null || cors.isNull() ? null : new CorsPolicy(cors);
  }

  static boolean isPreflight(HttpRequest request) {
    return request.method().equals("OPTIONS") && request.header("origin").isPresent()
        && request.header("access-control-request-method").isPresent();
  }

  /** The answer to a preflight: 200, with the CORS headers when the origin and method are allowed. */
  HttpResponse preflight(HttpRequest request) {
    HttpResponse response = HttpResponse.empty(200);
    String origin = request.header("origin").orElse("");
    String method = request.header("access-control-request-method").orElse("").trim();
    if (!originAllowed(origin) || !(contains(allowMethods, method) || contains(allowMethods, "*"))) {
      return response;
    }
    response.header("Access-Control-Allow-Origin", allowedOrigin(origin));
    response.header("Access-Control-Allow-Methods", String.join(",", allowMethods));
    if (!allowHeaders.isEmpty()) {
      response.header("Access-Control-Allow-Headers", String.join(",", allowHeaders));
    }
    if (maxAge != null) {
      response.header("Access-Control-Max-Age", maxAge.toString());
    }
    if (allowCredentials) {
      response.header("Access-Control-Allow-Credentials", "true");
    }
    if (!allowOrigins.contains("*")) {
      response.header("Vary", "Origin");
    }
    return response;
  }

  /** Sets the CORS headers of an answer to {@code request}, dropping those the function set. */
  HttpResponse apply(HttpRequest request, HttpResponse response) {
    for (String name : new ArrayList<>(response.headers().keySet())) {
      if (name.toLowerCase(Locale.ROOT).startsWith("access-control-")) {
        response.headers().remove(name);
      }
    }
    String origin = request.header("origin").orElse(null);
    if (origin == null || !originAllowed(origin)) {
      return response;
    }
    response.header("Access-Control-Allow-Origin", allowedOrigin(origin));
    if (!exposeHeaders.isEmpty()) {
      response.header("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
    }
    if (allowCredentials) {
      response.header("Access-Control-Allow-Credentials", "true");
    }
    if (!allowOrigins.contains("*")) {
      response.header("Vary", "Origin");
    }
    return response;
  }

  private boolean originAllowed(String origin) {
    return allowOrigins.contains("*") || allowOrigins.stream().anyMatch(o -> o.equalsIgnoreCase(origin.trim()));
  }

  /** {@code *} when any origin is allowed and credentials are not (browsers refuse {@code *} with credentials). */
  private String allowedOrigin(String origin) {
    return allowOrigins.contains("*") && !allowCredentials ? "*" : origin.trim();
  }

  private static boolean contains(List<String> values, String value) {
    return values.stream().anyMatch(v -> v.equalsIgnoreCase(value));
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(v -> out.add(v.asText()));
    }
    return out;
  }
}
