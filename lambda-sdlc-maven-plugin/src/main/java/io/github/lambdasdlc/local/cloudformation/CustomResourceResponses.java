package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.cloudformation.resources.CustomResourceChannel;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ResponseURLs of custom resource requests, as the local cloud serves them in place of S3's pre-signed URLs:
 * {@code PUT <endpoint>/local-cloud/cloudformation/custom-resource-response/<request id>/<token>}, unsigned like a
 * pre-signed URL, the random token being the capability. The body is the provider's JSON answer (at most 4,096
 * bytes, as CloudFormation takes it).
 */
final class CustomResourceResponses implements CustomResourceChannel {
  static final String PREFIX = "/local-cloud/cloudformation/custom-resource-response/";
  /** CloudFormation's limit on a custom resource's response object. */
  static final int MAX_RESPONSE_BYTES = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Pending(String token, JsonNode response) {
  }

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  /** The base URL clients reach this cloud at, from the Host header of its CloudFormation requests. */
  private volatile String baseUrl = "http://127.0.0.1";

  void noteHost(HttpRequest request) {
    request.header("Host").filter(h -> h.matches("[A-Za-z0-9.\\-\\[\\]:]+")).ifPresent(h -> baseUrl = "http://" + h);
  }

  static boolean isResponse(HttpRequest request) {
    return request.method().equals("PUT") && request.path().startsWith(PREFIX);
  }

  @Override
  public String responseUrl(String requestId) {
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    String hex = HexFormat.of().formatHex(token);
    pending.put(requestId, new Pending(hex, null));
    return baseUrl + PREFIX + requestId + "/" + hex;
  }

  @Override
  public JsonNode takeResponse(String requestId) {
    Pending p = pending.get(requestId);
    if (p == null || p.response() == null) {
      return null;
    }
    pending.remove(requestId);
    return p.response();
  }

  /** Takes an answer PUT to a ResponseURL: 200 as S3 answers, 403 for an unknown or used URL, 400 for a bad body. */
  HttpResponse accept(HttpRequest request) {
    String[] parts = request.path().substring(PREFIX.length()).split("/");
    Pending p = parts.length == 2 ? pending.get(parts[0]) : null;
    if (p == null || !p.token().equals(parts[1]) || p.response() != null) {
      return new HttpResponse(403, "application/xml", ("<Error><Code>AccessDenied</Code><Message>Request has expired"
          + " or was already answered</Message></Error>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] body = request.body();
    JsonNode answer = null;
    if (body.length <= MAX_RESPONSE_BYTES) {
      try {
        answer = Json.MAPPER.readTree(body);
      } catch (IOException e) {
        answer = null;
      }
    }
    if (answer == null || !answer.isObject()) {
      answer = Json.MAPPER.createObjectNode().put("Status", "FAILED").put("Reason", body.length > MAX_RESPONSE_BYTES
          ? "Response object is too long." : "Response is not a JSON object.");
    }
    pending.put(parts[0], new Pending(p.token(), answer));
    return HttpResponse.empty(200);
  }
}
