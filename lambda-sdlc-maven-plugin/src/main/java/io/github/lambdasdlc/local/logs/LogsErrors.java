package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * CloudWatch Logs' errors and how the AWS JSON 1.1 protocol carries them: status 400 (500 for service
 * faults) and a body {@code {"__type": "<code>", "message": "<text>"}}. The messages that AWS itself
 * sends (recorded against AWS in public test suites) are spelled here exactly.
 */
final class LogsErrors {
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  private LogsErrors() {
  }

  static AwsError invalidParameter(String message) {
    return new AwsError(400, "InvalidParameterException", message);
  }

  static AwsError groupNotFound() {
    return new AwsError(400, "ResourceNotFoundException", "The specified log group does not exist.");
  }

  static AwsError streamNotFound() {
    return new AwsError(400, "ResourceNotFoundException", "The specified log stream does not exist.");
  }

  static AwsError invalidNextToken() {
    return invalidParameter("The specified nextToken is invalid.");
  }

  /** AWS answers this (a framework error outside the service's model) when both ways of naming a group are used. */
  static AwsError groupNameAndIdentifier() {
    return new AwsError(400, "ValidationException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  }

  static AwsError serialization(String message) {
    return new AwsError(400, "SerializationException", message);
  }

  static AwsError unknownOperation(String target) {
    return new AwsError(400, "UnknownOperationException", "The local cloud's CloudWatch Logs does not support the"
        + " operation " + target + ". It serves DescribeLogGroups, DescribeLogStreams, GetLogEvents and FilterLogEvents.");
  }

  static AwsError serviceUnavailable(String message) {
    return new AwsError(500, "ServiceUnavailableException", message, false);
  }

  static HttpResponse render(AwsError error) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.put("__type", error.code());
    body.put("message", error.getMessage());
    return json(error.status(), body).header("x-amzn-ErrorType", error.code());
  }

  static HttpResponse ok(ObjectNode body) {
    return json(200, body);
  }

  private static HttpResponse json(int status, ObjectNode body) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      bytes = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return new HttpResponse(status, CONTENT_TYPE, bytes).header("x-amzn-RequestId", UUID.randomUUID().toString());
  }
}
