package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A function's answer to a payload format 2.0 event as the HTTP response the client gets. An object with a
 * {@code statusCode} is a response: its status, {@code headers}, {@code cookies} (one {@code Set-Cookie} each)
 * and {@code body} (decoded when {@code isBase64Encoded}). Any other JSON (a string, a number, an object
 * without {@code statusCode}) is the body of a 200 {@code application/json} response, as sent. An answer that
 * is no JSON, or a malformed response object, is the front's failure to use it: empty here, and the caller
 * answers as AWS does (502 for a function URL, 500 for an HTTP API).
 */
final class PayloadV2Answer {
  private PayloadV2Answer() {
  }

  static Optional<HttpResponse> of(byte[] payload) {
    JsonNode answer;
    try {
      answer = Json.MAPPER.readTree(payload);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (answer == null || answer.isMissingNode()) {
      return Optional.of(new HttpResponse(200, "application/json", new byte[0]));
    }
    if (!answer.isObject() || !answer.has("statusCode")) {
      return Optional.of(new HttpResponse(200, "application/json", payload));
    }
    JsonNode status = answer.get("statusCode");
    if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
      return Optional.empty();
    }
    byte[] body = new byte[0];
    JsonNode text = answer.get("body");
    if (text != null && !text.isNull()) {
      String value = text.isTextual() ? text.asText() : text.toString();
      if (answer.path("isBase64Encoded").asBoolean(false)) {
        try {
          body = Base64.getMimeDecoder().decode(value);
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      } else {
        body = value.getBytes(StandardCharsets.UTF_8);
      }
    }
    HttpResponse response = new HttpResponse(status.asInt(), null, body);
    JsonNode headers = answer.get("headers");
    if (headers != null && headers.isObject()) {
      for (Map.Entry<String, JsonNode> h : (Iterable<Map.Entry<String, JsonNode>>) headers::fields) {
        response.header(h.getKey(), h.getValue().isTextual() ? h.getValue().asText() : h.getValue().toString());
      }
    }
    List<String> cookies = new ArrayList<>();
    JsonNode cookieList = answer.get("cookies");
    if (cookieList != null && cookieList.isArray()) {
      cookieList.forEach(c -> cookies.add(c.asText()));
    }
    if (!cookies.isEmpty()) {
      response.header("Set-Cookie", String.join("\n", cookies));
    }
    return Optional.of(response);
  }
}
