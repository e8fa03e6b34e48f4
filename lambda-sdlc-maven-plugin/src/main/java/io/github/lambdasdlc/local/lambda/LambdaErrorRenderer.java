package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * Renders an {@link AwsError} as Lambda does: the code in {@code x-amzn-ErrorType}, and a JSON body with
 * {@code Type} and the message. The message member's name is not uniform: the model spells it
 * {@code Message} for ResourceNotFoundException and ServiceException and {@code message} for the
 * others; ValidationException (a framework error, not in the model) carries only {@code message}.
 */
final class LambdaErrorRenderer {
  private static final Set<String> CAPITALISED_MESSAGE = Set.of("ResourceNotFoundException", "ServiceException",
      "CodeSigningConfigNotFoundException", "ProvisionedConcurrencyConfigNotFoundException");
  private static final Set<String> UNTYPED = Set.of("ValidationException", "UnknownOperationException",
      "RequestEntityTooLargeException");

  private LambdaErrorRenderer() {
  }

  static HttpResponse render(AwsError error) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    error.details().forEach(body::put);
    if (!UNTYPED.contains(error.code())) {
      body.put("Type", error.senderFault() ? "User" : "Service");
    }
    body.put(CAPITALISED_MESSAGE.contains(error.code()) ? "Message" : "message", error.getMessage());
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      bytes = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return new HttpResponse(error.status(), "application/json", bytes)
        .header("x-amzn-ErrorType", error.code())
        .header("x-amzn-RequestId", UUID.randomUUID().toString());
  }
}
