package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS JSON 1.1 wire protocol as raw HTTP: routing by X-Amz-Target and AWS-shaped errors for bad input. */
class LogsProtocolTest {
  @TempDir
  Path dir;
  LocalLogs logs;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    logs = LocalLogs.start(dir.resolve("state"));
    logs.append("/g", "s", 1000, "hello");
  }

  @AfterEach
  void stop() {
    logs.close();
  }

  private HttpResponse<String> post(String target, String body, boolean signed) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(logs.endpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (signed) {
      request.header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/logs/aws4_request,"
          + " SignedHeaders=host, Signature=00");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return Json.MAPPER.readTree(response.body());
  }

  @Test
  void servesRequestsByTheirTarget() throws Exception {
    HttpResponse<String> response = post("Logs_20140328.FilterLogEvents", "{\"logGroupName\":\"/g\"}", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(json(response).path("events").get(0).path("message").asText()).isEqualTo("hello");

    HttpResponse<String> unsigned = post("Logs_20140328.FilterLogEvents", "{\"logGroupName\":\"/g\"}", false);
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(json(unsigned).path("__type").asText()).isEqualTo("MissingAuthenticationTokenException");
  }

  @Test
  void answersUnknownOperations() throws Exception {
    for (HttpResponse<String> response : new HttpResponse[] {
        post("Logs_20140328.PutLogEvents", "{}", true), post(null, "{}", true)}) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(json(response).path("__type").asText()).isEqualTo("UnknownOperationException");
      assertThat(json(response).path("message").asText()).isNotBlank();
    }
  }

  @Test
  void answersSerializationExceptionForBodiesThatAreNotTheShape() throws Exception {
    for (String body : new String[] {"{not json", "[1,2]", "{\"logGroupName\":\"/g\",\"limit\":\"ten\"}",
        "{\"logGroupName\":\"/g\",\"logStreamNames\":\"s\"}", "{\"logGroupName\":7}"}) {
      HttpResponse<String> response = post("Logs_20140328.FilterLogEvents", body, true);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(json(response).path("__type").asText()).as(body).isEqualTo("SerializationException");
    }
  }

  @Test
  void anEmptyBodyIsNoInput() throws Exception {
    HttpResponse<String> response = post("Logs_20140328.DescribeLogGroups", "", true);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).path("logGroups").get(0).path("logGroupName").asText()).isEqualTo("/g");
  }
}
