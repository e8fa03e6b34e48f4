package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The {@code integration-test} step's invocations: each event case is sent to the live function with its
 * log tail, judged against its expectation, and reported in one line with Lambda's own figures.
 */
public final class EventCaseRun {

  /**
   * The outcome of one case. {@code failure} is null when it passed; for a case file that could not be
   * read it is why, and the case is an {@linkplain #isError() error}.
   */
  public record CaseResult(EventCase eventCase, String failure, String response, String functionError,
      String log, ReportLine report, double wallMs) {
    public boolean passed() {
      return failure == null;
    }

    /** Whether the case could not run at all (JUnit's error), rather than ran and failed. */
    public boolean isError() {
      return !eventCase.isReadable();
    }
  }

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final ObjectMapper json;

  public EventCaseRun(AwsClients clients, WorkflowListener listener, ObjectMapper json) {
    this.clients = clients;
    this.listener = listener;
    this.json = json;
  }

  public List<CaseResult> run(String functionName, List<EventCase> cases) {
    return run(functionName, null, cases);
  }

  /**
   * Runs the cases.
   *
   * @param functionTimeout the function's Timeout in seconds, which bounds each invocation; null when unknown
   */
  public List<CaseResult> run(String functionName, Integer functionTimeout, List<EventCase> cases) {
    List<CaseResult> results = new ArrayList<>();
    for (EventCase c : cases) {
      CaseResult r = runOne(functionName, functionTimeout, c);
      results.add(r);
      listener.onEvent(new WorkflowEvent(r.passed() ? WorkflowEvent.Level.INFO : WorkflowEvent.Level.WARN,
          line(r)));
    }
    return results;
  }

  private CaseResult runOne(String functionName, Integer functionTimeout, EventCase c) {
    if (!c.isReadable()) {
      return new CaseResult(c, c.problem(), null, null, null, null, 0);
    }
    byte[] payload;
    try {
      payload = json.writeValueAsBytes(c.event());
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot encode the event of case " + c.name(), e);
    }
    long start = System.nanoTime();
    InvokeResponse response;
    try {
      response = clients.lambda().invoke(b -> b.functionName(functionName).qualifier(c.qualifier())
          .logType(LogType.TAIL).payload(SdkBytes.fromByteArrayUnsafe(payload))
          .overrideConfiguration(clients.invokeLimit(functionTimeout)));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "invoking function " + functionName + " with case " + c.name());
    }
    double wallMs = (System.nanoTime() - start) / 1e6;
    String body = response.payload() == null ? "" : response.payload().asUtf8String();
    String log = response.logResult() == null ? null
        : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    String failure = judge(c, body, response.functionError());
    return new CaseResult(c, failure, body, response.functionError(), log, ReportLine.parse(log), wallMs);
  }

  private String judge(EventCase c, String body, String functionError) {
    JsonNode actual = parse(body);
    if (c.expectsError()) {
      if (functionError == null) {
        return "expected the function to fail with " + c.expectedErrorType() + " but it answered " + abbreviate(body);
      }
      String type = actual == null ? null : actual.path("errorType").asText(null);
      String message = actual == null ? body : actual.path("errorMessage").asText("");
      if (!c.expectedErrorType().equals(type)) {
        return "expected error type " + c.expectedErrorType() + " but the function failed "
            + (type == null || type.isBlank() ? "without an error type" : "with " + type) + ": " + abbreviate(message);
      }
      if (c.expectedErrorMessage() != null && !message.contains(c.expectedErrorMessage())) {
        return "expected an error message containing \"" + c.expectedErrorMessage() + "\" but it was \"" + message + "\"";
      }
      return null;
    }
    if (functionError != null) {
      String type = actual == null ? "" : actual.path("errorType").asText("");
      String message = actual == null ? body
          : (type.isBlank() ? "" : type + ": ") + actual.path("errorMessage").asText("");
      return "the function failed (" + functionError + "): " + abbreviate(message);
    }
    if (c.expectedResponse() == null) {
      return null;
    }
    if (actual == null) {
      return "expected " + abbreviate(c.expectedResponse().toString()) + " but the response is not JSON: " + abbreviate(body);
    }
    if (!EventCase.matches(c.expectedResponse(), actual, c.subset())) {
      return "expected " + (c.subset() ? "a response containing " : "") + abbreviate(c.expectedResponse().toString())
          + " but was " + abbreviate(actual.toString());
    }
    return null;
  }

  private JsonNode parse(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** One line a case: {@code PASS name (12.31 ms, billed 13 ms, 88 MB of 512 MB, init 412.55 ms)}. */
  static String line(CaseResult r) {
    StringBuilder s = new StringBuilder(r.passed() ? "PASS " : r.isError() ? "ERROR " : "FAIL ")
        .append(r.eventCase().name());
    if (r.isError()) {
      return s.append(": ").append(r.failure()).toString();
    }
    ReportLine rep = r.report();
    if (rep != null && rep.durationMs() != null) {
      s.append(String.format(Locale.ROOT, " (%.2f ms, billed %d ms, %d MB of %d MB", rep.durationMs(),
          rep.billedMs(), rep.maxMemoryUsedMb(), rep.memorySizeMb()));
      if (rep.initDurationMs() != null) {
        s.append(String.format(Locale.ROOT, ", init %.2f ms", rep.initDurationMs()));
      }
      s.append(')');
    } else {
      s.append(String.format(Locale.ROOT, " (%.0f ms round trip)", r.wallMs()));
    }
    if (!r.passed()) {
      s.append(": ").append(r.failure());
    }
    return s.toString();
  }

  private static String abbreviate(String s) {
    return s == null ? "null" : s.length() <= 300 ? s : s.substring(0, 300) + "...";
  }
}
