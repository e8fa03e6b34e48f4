package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Runtime API as a runtime sees it, driven over HTTP without a runtime process. */
class RuntimeApiServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private RuntimeApiServer api;

  @BeforeEach
  void start() throws Exception {
    api = RuntimeApiServer.start("test");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://" + api.address() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return post(path, HttpRequest.BodyPublishers.ofString(body), null);
  }

  private HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String errorType) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + api.address() + path)).POST(body);
    if (errorType != null) {
      b.header("Lambda-Runtime-Function-Error-Type", errorType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  private RuntimeApiServer.Invocation offer(String id, String payload) {
    RuntimeApiServer.Invocation inv = new RuntimeApiServer.Invocation(id, payload.getBytes(), "arn:fn", 1234567890123L,
        "Root=1-00000000-000000000000000000000000;Parent=0000000000000000;Sampled=0",
        "{\"custom\":{}}");
    api.offer(inv);
    return inv;
  }

  @Test
  void nextDeliversTheEventWithLambdasHeadersAndALength() throws Exception {
    CompletableFuture<HttpResponse<String>> next = CompletableFuture.supplyAsync(() -> {
      try {
        return get("/2018-06-01/runtime/invocation/next");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    api.ready().get(5, TimeUnit.SECONDS);
    assertThat(next).isNotDone();
    RuntimeApiServer.Invocation inv = offer("req-1", "{\"a\":1}");
    HttpResponse<String> r = next.get(5, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"a\":1}");
    assertThat(r.headers().firstValue("Lambda-Runtime-Aws-Request-Id")).hasValue("req-1");
    assertThat(r.headers().firstValue("Lambda-Runtime-Deadline-Ms")).hasValue("1234567890123");
    assertThat(r.headers().firstValue("Lambda-Runtime-Invoked-Function-Arn")).hasValue("arn:fn");
    assertThat(r.headers().firstValue("Lambda-Runtime-Trace-Id")).isPresent();
    assertThat(r.headers().firstValue("Lambda-Runtime-Client-Context")).hasValue("{\"custom\":{}}");
    assertThat(r.headers().firstValue("Content-Length")).hasValue("7");
    assertThat(r.headers().firstValue("Transfer-Encoding")).isEmpty();

    HttpResponse<String> wrongId = post("/2018-06-01/runtime/invocation/req-2/response", "1");
    assertThat(wrongId.statusCode()).isEqualTo(400);
    assertThat(json(wrongId.body()).path("errorType").asText()).isEqualTo("InvalidRequestID");
    assertThat(json(wrongId.body()).path("errorMessage").asText()).isEqualTo("Invalid request ID");

    HttpResponse<String> ok = post("/2018-06-01/runtime/invocation/req-1/response", "\"done\"");
    assertThat(ok.statusCode()).isEqualTo(202);
    assertThat(inv.outcome.get()).isInstanceOfSatisfying(RuntimeApiServer.Success.class,
        s -> assertThat(new String(s.payload())).isEqualTo("\"done\""));

    HttpResponse<String> twice = post("/2018-06-01/runtime/invocation/req-1/error", "{}");
    assertThat(twice.statusCode()).isEqualTo(403);
    assertThat(json(twice.body()).path("errorType").asText()).isEqualTo("InvalidStateTransition");
    assertThat(json(twice.body()).path("errorMessage").asText()).isEqualTo("State transition from"
        + " RuntimeResponseSentState to InvocationErrorResponse failed for runtime. Error: State transition is not allowed");
  }

  @Test
  void errorsKeepTheirDocumentAndAValidatedType() throws Exception {
    CompletableFuture.runAsync(() -> {
      try {
        get("/2018-06-01/runtime/invocation/next");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    RuntimeApiServer.Invocation inv = offer("req-e", "{}");
    while (!inv.delivered) {
      Thread.sleep(5);
    }
    HttpResponse<String> r = post("/2018-06-01/runtime/invocation/req-e/error",
        HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"x\",\"errorType\":\"Boom\"}"), "Unhandled");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(inv.outcome.get()).isInstanceOfSatisfying(RuntimeApiServer.Failure.class, f -> {
      assertThat(new String(f.payload())).isEqualTo("{\"errorMessage\":\"x\",\"errorType\":\"Boom\"}");
      assertThat(f.errorType()).isEqualTo("Runtime.Unknown");
    });
    assertThat(RuntimeApiServer.validErrorType("Runtime.ImportModuleError")).isEqualTo("Runtime.ImportModuleError");
    assertThat(RuntimeApiServer.validErrorType("Function.oops")).isEqualTo("Function.Unknown");
  }

  @Test
  void responseOverSixMegabytesIsRefusedAndTheInvocationFails() throws Exception {
    CompletableFuture.runAsync(() -> {
      try {
        get("/2018-06-01/runtime/invocation/next");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    RuntimeApiServer.Invocation inv = offer("req-big", "{}");
    while (!inv.delivered) {
      Thread.sleep(5);
    }
    HttpResponse<String> r = post("/2018-06-01/runtime/invocation/req-big/response",
        HttpRequest.BodyPublishers.ofByteArray(new byte[RuntimeApiServer.MAX_PAYLOAD_SIZE + 1]), null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(json(r.body()).path("errorType").asText()).isEqualTo("RequestEntityTooLarge");
    assertThat(json(r.body()).path("errorMessage").asText())
        .isEqualTo("Exceeded maximum allowed payload size (6291556 bytes).");
    RuntimeApiServer.Failure failure = (RuntimeApiServer.Failure) inv.outcome.get();
    assertThat(json(new String(failure.payload())).path("errorType").asText()).isEqualTo("Function.ResponseSizeTooLarge");
  }

  @Test
  void initErrorOnlyBeforeTheFirstNext() throws Exception {
    HttpResponse<String> early = post("/2018-06-01/runtime/invocation/x/response", "1");
    assertThat(early.statusCode()).isEqualTo(403);
    assertThat(json(early.body()).path("errorMessage").asText())
        .startsWith("State transition from Started to InvocationResponse failed");
    HttpResponse<String> r = post("/2018-06-01/runtime/init/error",
        HttpRequest.BodyPublishers.ofString("{\"errorType\":\"Runtime.ImportModuleError\"}"), "Runtime.ImportModuleError");
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(api.initError().get().errorType()).isEqualTo("Runtime.ImportModuleError");
    HttpResponse<String> again = post("/2018-06-01/runtime/init/error", "{}");
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(get("/2018-06-01/runtime/invocation/next").statusCode()).isEqualTo(403);
    assertThat(get("/2018-06-01/runtime/unknown").statusCode()).isEqualTo(404);
  }
}
