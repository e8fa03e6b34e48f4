package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Messages about an AWS-compatible endpoint that is not AWS and answers as little as the protocol allows:
 * no error code, no error message, no executed version, no error type. They name the endpoint, and say
 * what is there, never {@code null}.
 */
class ForeignEndpointMessagesTest {
  private HttpServer server;
  private AwsClients clients;
  private final WorkflowTestSupport.Recorder events = new WorkflowTestSupport.Recorder();

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  /** An endpoint that answers every request with this status, these headers and this body. */
  private URI answering(int status, Map<String, String> headers, String body) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> answer(exchange, status, headers, body));
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    clients = AwsClients.connect(Target.endpoint(uri, "us-east-1"));
    return uri;
  }

  private static void answer(HttpExchange exchange, int status, Map<String, String> headers, String body)
      throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    headers.forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Test
  void aServerErrorWithoutCodeOrMessageSaysWhatIsThere() throws Exception {
    URI endpoint = answering(500, Map.of("Content-Type", "application/json"), "{}");
    assertThatThrownBy(() -> new LambdaWaits(clients).untilSettled("app-fn"))
        .isInstanceOf(WorkflowException.class)
        .hasMessageStartingWith("The endpoint " + endpoint + " kept failing GetFunctionConfiguration with HTTP 500"
            + " while waiting for function app-fn (4 attempts with backoff).")
        .hasMessageContaining("check that endpoint's own logs")
        .hasMessageNotContaining("null");
  }

  @Test
  void aClientErrorNamesTheEndpointNotAws() throws Exception {
    URI endpoint = answering(400, Map.of("Content-Type", "application/json", "X-Amzn-ErrorType", "OddInternalState"),
        "{}");
    assertThatThrownBy(() -> new LambdaWaits(clients).untilSettled("app-fn"))
        .isInstanceOf(WorkflowException.class)
        .hasMessage("The endpoint " + endpoint + " answered OddInternalState while waiting for function app-fn");
  }

  @Test
  void anInvocationWithoutExecutedVersionShowsNoVersion() throws Exception {
    answering(200, Map.of("Content-Type", "application/json"), "{\"ok\":true}");
    new AdHocInvocation(clients, events).invoke(new AdHocInvocation.Request("app-fn",
        AdHocInvocation.payload("{}", null), null));
    assertThat(events.text()).contains("Response (status 200):").doesNotContain("null");
  }

  @Test
  void aFunctionErrorWithoutErrorTypeSaysSo() throws Exception {
    answering(200, Map.of("Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled"),
        "{\"errorMessage\":\"boom\"}");
    EventCase c = new EventCase("fails", Path.of("fails.json"), null, null, new ObjectMapper().createObjectNode(),
        null, false, "IllegalArgumentException", null);
    List<EventCaseRun.CaseResult> results = new EventCaseRun(clients, events, new ObjectMapper()).run("app-fn",
        List.of(c));
    assertThat(results.get(0).failure())
        .isEqualTo("expected error type IllegalArgumentException but the function failed without an error type: boom");
    assertThatThrownBy(() -> new AdHocInvocation(clients, events).invoke(new AdHocInvocation.Request("app-fn",
        AdHocInvocation.payload("{}", null), null)))
        .hasMessage("Function app-fn failed (Unhandled): boom");
    assertThat(events.text()).doesNotContain("null");
  }

  @Test
  void anEndpointWhoseHostDoesNotResolveCannotBeReached() {
    clients = AwsClients.connect(Target.endpoint(URI.create("http://lambda-sdlc-no-such-host.invalid:4566"), "us-east-1"));
    assertThatThrownBy(() -> new LambdaWaits(clients).untilSettled("app-fn"))
        .isInstanceOf(WorkflowException.class).matches(e -> ((WorkflowException) e).isUserFault())
        .hasMessageStartingWith("Cannot reach http://lambda-sdlc-no-such-host.invalid:4566 while waiting for function"
            + " app-fn: the host name lambda-sdlc-no-such-host.invalid cannot be resolved (no network, or no DNS).")
        .hasMessageContaining("-Dlambda-sdlc.endpoint=local");
  }

  @Test
  void noNetworkOnAwsGetsTheSameCannotReachAndTheLocalCloudHint() {
    // What the SDK throws when the host of AWS's endpoint does not resolve (no network, no DNS).
    SdkClientException e = SdkClientException.builder().message("Received an UnknownHostException when attempting to"
        + " interact with a service. See cause for more details.")
        .cause(new UnknownHostException("cloudformation.eu-west-1.amazonaws.com")).build();
    assertThat(SdkErrors.explain(e, Target.aws("eu-west-1", null), "describing stack app"))
        .matches(WorkflowException::isUserFault)
        .hasMessage("Cannot reach AWS (region eu-west-1) while describing stack app: the host name"
            + " cloudformation.eu-west-1.amazonaws.com cannot be resolved (no network, or no DNS). Check your network"
            + " and proxy settings, or work on the local cloud with -Dlambda-sdlc.endpoint=local.");
  }
}
