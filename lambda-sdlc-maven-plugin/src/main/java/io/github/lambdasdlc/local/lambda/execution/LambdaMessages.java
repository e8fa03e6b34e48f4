package io.github.lambdasdlc.local.lambda.execution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** What Lambda itself writes around an invocation, in its own formats: figures, error documents, headers. */
final class LambdaMessages {
  /** The timestamp Lambda puts before a "Task timed out" line. */
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private LambdaMessages() {
  }

  /** Milliseconds with two decimals, as the REPORT line gives them (without String.format: it runs per line). */
  static String ms(double millis) {
    long hundredths = Math.round(Math.max(0, millis) * 100);
    long cents = hundredths % 100;
    return (hundredths / 100) + (cents < 10 ? ".0" : ".") + cents + " ms";
  }

  /** The JSON error document Lambda returns for a failure of its own (a timeout, a runtime that exited). */
  static byte[] errorDocument(String type, String message) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("errorType", type);
    doc.put("errorMessage", message);
    try {
      return Json.MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An X-Ray trace header as Lambda passes it to the runtime. */
  static String traceId(Clock clock) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    byte[] root = new byte[12];
    byte[] parent = new byte[8];
    r.nextBytes(root);
    r.nextBytes(parent);
    return "Root=1-" + Long.toHexString(clock.millis() / 1000) + "-" + HexFormat.of().formatHex(root) + ";Parent="
        + HexFormat.of().formatHex(parent) + ";Sampled=0";
  }

  /** The caller's client context arrives base64-encoded; the runtime gets the JSON itself. */
  static String decodeClientContext(String clientContext) {
    if (clientContext == null || clientContext.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getDecoder().decode(clientContext), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null; // the control plane checked it; never a raw header value for the runtime
    }
  }
}
