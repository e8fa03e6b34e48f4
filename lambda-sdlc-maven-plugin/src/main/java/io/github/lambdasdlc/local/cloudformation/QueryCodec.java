package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The AWS Query protocol of CloudFormation: requests are form-encoded ({@code Action=...&Version=...}
 * in the body of a POST, or in the query string of a GET), responses are XML documents in
 * CloudFormation's namespace with the result first and {@code ResponseMetadata} after it.
 */
public final class QueryCodec {
  public static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";
  public static final String CONTENT_TYPE = "text/xml";

  private QueryCodec() {
  }

  /**
   * Decodes the request's parameters: the query string's, then the form body's (the body wins).
   *
   * @throws AwsError {@code MalformedQueryString} (404, as AWS's common errors list it) for text that is
   *     not valid form encoding, such as a {@code %} not followed by two hex digits
   */
  public static QueryRequest decode(HttpRequest request) {
    try {
      Map<String, String> params = new LinkedHashMap<>(request.queryParameters());
      if (request.body().length > 0) {
        params.putAll(HttpRequest.decodeForm(request.bodyText()));
      }
      return new QueryRequest(params);
    } catch (IllegalArgumentException e) {
      throw new AwsError(404, "MalformedQueryString", "The query string contains a syntax error.");
    }
  }

  /** {@code <XResponse xmlns=...><XResult>...</XResult><ResponseMetadata>...</ResponseMetadata></XResponse>}. */
  public static HttpResponse response(String action, String requestId, Consumer<XmlWriter> result) {
    XmlWriter w = new XmlWriter();
    w.start(action + "Response", "xmlns", NAMESPACE);
    if (result != null) {
      w.element(action + "Result", result);
    }
    w.element("ResponseMetadata", m -> m.text("RequestId", requestId));
    w.end(action + "Response");
    return xml(200, w.toString(), requestId);
  }

  /** AWS's Query error document. */
  public static HttpResponse error(AwsError error, String requestId) {
    XmlWriter w = new XmlWriter();
    w.start("ErrorResponse", "xmlns", NAMESPACE);
    w.element("Error", e -> e.text("Type", error.senderFault() ? "Sender" : "Receiver")
        .text("Code", error.code())
        .text("Message", error.getMessage()));
    w.text("RequestId", requestId);
    w.end("ErrorResponse");
    return xml(error.status(), w.toString(), requestId);
  }

  private static HttpResponse xml(int status, String body, String requestId) {
    return HttpResponse.text(status, CONTENT_TYPE, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body)
        .header("x-amzn-RequestId", requestId);
  }
}
