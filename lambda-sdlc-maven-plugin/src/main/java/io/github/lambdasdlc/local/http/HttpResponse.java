package io.github.lambdasdlc.local.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a service answers: a status, headers and a body held in memory. */
public final class HttpResponse {
  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;

  public HttpResponse(int status, String contentType, byte[] body) {
    this.status = status;
    this.body = body == null ? new byte[0] : body;
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
  }

  public static HttpResponse text(int status, String contentType, String body) {
    return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  public static HttpResponse empty(int status) {
    return new HttpResponse(status, null, new byte[0]);
  }

  public HttpResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
