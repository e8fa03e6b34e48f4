package io.github.lambdasdlc.local.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsServices;
import io.github.lambdasdlc.local.core.AwsServices.AwsService;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.xml.XmlWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The answer to a request for an AWS service the local cloud does not emulate (an SDK client of the function
 * or of a test, pointed at the local cloud by {@code AWS_ENDPOINT_URL}): AWS's 400
 * {@code UnrecognizedClientException} in the error shape of that service's protocol, so that its SDK reports
 * the message, which names the service and the setting that sends it elsewhere
 * ({@code lambda-sdlc.local.serviceEndpoints}, i.e. {@code AWS_ENDPOINT_URL_<SERVICE>}).
 */
final class UnemulatedService {
  static final String CODE = "UnrecognizedClientException";

  private UnemulatedService() {
  }

  static HttpResponse answer(HttpRequest request, String signingName, List<String> served) {
    List<AwsService> candidates = AwsServices.signedAs(signingName);
    String message = message(signingName, candidates, served);
    String requestId = UUID.randomUUID().toString();
    HttpResponse response = switch (protocol(request, candidates)) {
      case "smithy-rpc-v2-cbor" -> new HttpResponse(400, "application/cbor", cbor(message))
          .header("smithy-protocol", "rpc-v2-cbor");
      case "json" -> new HttpResponse(400, request.header("content-type").filter(t -> t.startsWith("application/x-amz-json"))
          .orElse("application/x-amz-json-1.1"), json(message));
      case "query" -> xml(new XmlWriter().element("ErrorResponse", w -> w
          .element("Error", e -> e.text("Type", "Sender").text("Code", CODE).text("Message", message))
          .text("RequestId", requestId)));
      case "ec2" -> xml(new XmlWriter().element("Response", w -> w
          .element("Errors", es -> es.element("Error", e -> e.text("Code", CODE).text("Message", message)))
          .text("RequestID", requestId)));
      case "rest-xml" -> xml("s3".equals(signingName)
          ? new XmlWriter().element("Error", e -> e.text("Code", CODE).text("Message", message).text("RequestId", requestId))
          : new XmlWriter().element("ErrorResponse", w -> w
              .element("Error", e -> e.text("Type", "Sender").text("Code", CODE).text("Message", message))
              .text("RequestId", requestId)));
      default -> new HttpResponse(400, "application/json", json(message));
    };
    return response.header("x-amzn-ErrorType", CODE).header("x-amzn-RequestId", requestId)
        .header("x-amz-request-id", requestId);
  }

  private static String message(String signingName, List<AwsService> candidates, List<String> served) {
    String serves = " It serves: " + String.join(", ", served) + ".";
    if (candidates.isEmpty()) {
      return "The local cloud does not emulate the AWS service '" + signingName + "'." + serves;
    }
    String keys = String.join(" or ", candidates.stream().map(AwsService::key).toList());
    String variables = String.join(" or ", candidates.stream().map(AwsService::endpointVariable).toList());
    return "The local cloud does not emulate the AWS service '" + signingName + "' (" + keys + "). Run an emulator"
        + " of it and point the SDK at it: set lambda-sdlc.local.serviceEndpoints to " + candidates.get(0).key()
        + "=<its URL> (for a function on the local cloud: " + variables + " in its environment), or set "
        + variables + " where the client runs." + serves;
  }

  /**
   * The protocol of the request, by the marks each one's requests carry (a CBOR header, a JSON target, a Query
   * form); REST requests carry none, so the service's own (REST-XML for S3, Route 53, CloudFront) decides.
   */
  private static String protocol(HttpRequest request, List<AwsService> candidates) {
    if (request.header("smithy-protocol").filter(p -> p.equalsIgnoreCase("rpc-v2-cbor")).isPresent()) {
      return "smithy-rpc-v2-cbor";
    }
    if (request.header("x-amz-target").isPresent()) {
      return "json";
    }
    boolean form = request.header("content-type").map(t -> t.toLowerCase(Locale.ROOT))
        .filter(t -> t.startsWith("application/x-www-form-urlencoded")).isPresent();
    if (form && HttpRequest.decodeForm(request.bodyText()).containsKey("Action")) {
      return candidates.stream().anyMatch(s -> s.protocol().equals("ec2")) ? "ec2" : "query";
    }
    return candidates.stream().anyMatch(s -> s.protocol().equals("rest-xml")) ? "rest-xml" : "rest-json";
  }

  private static byte[] json(String message) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("__type", CODE);
    doc.put("message", message);
    return doc.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static HttpResponse xml(XmlWriter writer) {
    return HttpResponse.text(400, "text/xml", writer.toString());
  }

  /** {@code {"__type": CODE, "message": message}} in CBOR (RFC 8949): a map of two text pairs. */
  private static byte[] cbor(String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa2);
    cborText(out, "__type");
    cborText(out, CODE);
    cborText(out, "message");
    cborText(out, message);
    return out.toByteArray();
  }

  private static void cborText(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int n = bytes.length;
    if (n < 24) {
      out.write(0x60 | n);
    } else if (n < 0x100) {
      out.write(0x78);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x79);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x7a);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write(n >> shift);
      }
    }
    out.write(bytes, 0, n);
  }
}
