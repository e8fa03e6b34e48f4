package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.util.Base64;

/**
 * Invoke's {@code X-Amz-Client-Context}, checked as Lambda checks it: at most 3,583 bytes of base64 that
 * decodes to a JSON object, else 400 {@code InvalidRequestContentException} at once. What passes is
 * re-encoded as compact JSON with every control and non-ASCII character escaped, so that the runtime's
 * {@code Lambda-Runtime-Client-Context} header can always carry it (a raw CR or LF would make the JDK's
 * HTTP server refuse the header and leave the invocation hanging until the function's timeout).
 */
final class ClientContext {
  /** The model's limit: "Up to 3,583 bytes of base64-encoded data". */
  static final int MAX_BYTES = 3583;
  /** Lambda's message for a client context that is not base64 or not a JSON object. */
  static final String INVALID = "Client context must be a valid Base64-encoded JSON object.";

  private static final ObjectReader STRICT = Json.MAPPER.reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final ObjectWriter HEADER_SAFE = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII);

  private ClientContext() {
  }

  /**
   * Checks a caller's client context.
   *
   * @return the same object as base64 of header-safe JSON, or null when the caller sent none
   * @throws AwsError InvalidRequestContentException when it is too long, not base64 or not a JSON object
   */
  static String check(String header) {
    if (header == null || header.isEmpty()) {
      return null;
    }
    if (header.length() > MAX_BYTES) {
      // AWS's wording for this case is not documented: its one message, with the limit spelled out.
      throw invalid(INVALID + " It must be at most " + MAX_BYTES + " bytes of Base64.");
    }
    JsonNode object;
    try {
      object = STRICT.readTree(Base64.getDecoder().decode(header));
    } catch (IllegalArgumentException | IOException e) {
      throw invalid(INVALID);
    }
    if (object == null || !object.isObject()) {
      throw invalid(INVALID);
    }
    try {
      return Base64.getEncoder().encodeToString(HEADER_SAFE.writeValueAsBytes(object));
    } catch (IOException e) {
      throw invalid(INVALID);
    }
  }

  private static AwsError invalid(String message) {
    return new AwsError(400, "InvalidRequestContentException", message);
  }
}
