package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The {@code invoke} step: one synchronous invocation of the live function with a payload of the user's,
 * printing the response (indented when it is JSON), the function's error if any, the log tail Lambda
 * returns and the REPORT figures. A function error is a {@link WorkflowException} carrying its errorType
 * and errorMessage, after everything has been printed.
 */
public final class AdHocInvocation {

  /** An event to send (JSON text) and where it came from, for messages. */
  public record Payload(String text, String source) {
  }

  /**
   * What to send.
   *
   * @param qualifier a version or alias, or null for $LATEST
   */
  public record Request(String functionName, Payload payload, String qualifier) {
  }

  /** What came back. {@code functionError} is null when the function succeeded. */
  public record Result(int statusCode, String executedVersion, String response, String functionError,
      String errorType, String errorMessage, String log, ReportLine report) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients clients;
  private final WorkflowListener listener;

  public AdHocInvocation(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  /**
   * The payload to send: the inline one, else the file's, else {@code {}}; it must be JSON, as Lambda
   * requires.
   *
   * @throws WorkflowException when both are given, the file cannot be read or the text is not JSON
   */
  public static Payload payload(String inline, Path file) {
    if (inline != null && !inline.isBlank() && file != null) {
      throw WorkflowException.userError("Both lambda-sdlc.payload and lambda-sdlc.payloadFile are set. Give one.");
    }
    String text;
    String source;
    if (file != null) {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw WorkflowException.userError("Cannot read the payload file " + file + " (lambda-sdlc.payloadFile): "
            + whyUnreadable(file, e) + ". Give the path of a JSON file, relative to the project's directory or"
            + " absolute.", e);
      }
      source = file.getFileName().toString();
    } else if (inline != null && !inline.isBlank()) {
      text = inline;
      source = "lambda-sdlc.payload";
    } else {
      text = "{}";
      source = "no payload given";
    }
    try {
      JSON.readTree(text);
    } catch (IOException e) {
      throw WorkflowException.userError("The payload (" + source + ") is not valid JSON, which Lambda requires: "
          + JsonSyntax.describe(e) + ".", e);
    }
    return new Payload(text, source);
  }

  public Result invoke(Request request) {
    String name = request.functionName();
    String qualifier = request.qualifier() == null || request.qualifier().isBlank() ? null : request.qualifier().trim();
    byte[] payload = request.payload().text().getBytes(StandardCharsets.UTF_8);
    listener.info("Invoking function " + name + (qualifier == null ? "" : ":" + qualifier) + " on "
        + clients.target().describe() + " with " + payload.length + " bytes (" + request.payload().source() + ")");
    Integer timeout = functionTimeout(name, qualifier);
    InvokeResponse response;
    try {
      response = clients.lambda().invoke(b -> b.functionName(name).qualifier(qualifier).logType(LogType.TAIL)
          .payload(SdkBytes.fromByteArrayUnsafe(payload)).overrideConfiguration(clients.invokeLimit(timeout)));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      if ("ResourceNotFoundException".equals(code) || "InvalidRequestContentException".equals(code)
          || "RequestTooLargeException".equals(code) || "InvalidParameterValueException".equals(code)) {
        throw WorkflowException.userError("Lambda refused the invocation of function " + name
            + (qualifier == null ? "" : ":" + qualifier) + ": " + code + ": " + e.awsErrorDetails().errorMessage(), e);
      }
      throw SdkErrors.explain(e, clients.target(), "invoking function " + name);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "invoking function " + name);
    }
    String body = response.payload() == null ? "" : response.payload().asUtf8String();
    String log = response.logResult() == null ? null
        : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    JsonNode parsed = parse(body);
    String errorType = null;
    String errorMessage = null;
    if (response.functionError() != null) {
      errorType = parsed == null ? null : parsed.path("errorType").asText(null);
      errorMessage = parsed == null ? body : parsed.path("errorMessage").asText(body);
    }
    listener.info((response.functionError() == null ? "Response" : "Error response (" + response.functionError() + ")")
        + " (status " + response.statusCode() + (response.executedVersion() == null ? ""
        : ", version " + response.executedVersion()) + "):");
    String shown = parsed == null ? body : pretty(parsed);
    for (String line : shown.split("\n", -1)) {
      listener.info(line);
    }
    if (log != null && !log.isEmpty()) {
      listener.info("Log tail (the last 4 KB Lambda returns):");
      for (String line : log.split("\n")) {
        listener.info("  " + line);
      }
    }
    ReportLine report = ReportLine.parse(log);
    if (report != null && report.durationMs() != null) {
      listener.info(figures(report));
    }
    Result result = new Result(response.statusCode(), response.executedVersion(), body, response.functionError(),
        errorType, errorMessage, log, report);
    if (response.functionError() != null) {
      throw WorkflowException.userError("Function " + name + " failed (" + response.functionError() + "): "
          + (errorType == null ? "" : errorType + ": ") + errorMessage);
    }
    return result;
  }

  /**
   * The function's Timeout, which bounds the invocation; null (Lambda's longest) when the configuration
   * cannot be read for a reason of the service's: the invocation then says what is wrong. An endpoint that
   * does not answer fails here, within the short limit of a control-plane call.
   */
  private Integer functionTimeout(String name, String qualifier) {
    try {
      return clients.lambda().getFunctionConfiguration(b -> b.functionName(name).qualifier(qualifier)).timeout();
    } catch (AwsServiceException e) {
      return null;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + name);
    }
  }

  /** {@code Duration 12.31 ms, billed 13 ms, memory 88 of 512 MB used, init 412.55 ms}. */
  static String figures(ReportLine r) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "Duration %.2f ms, billed %d ms", r.durationMs(),
        r.billedMs()));
    if (r.maxMemoryUsedMb() != null && r.memorySizeMb() != null) {
      s.append(String.format(Locale.ROOT, ", memory %d of %d MB used", r.maxMemoryUsedMb(), r.memorySizeMb()));
    }
    if (r.initDurationMs() != null) {
      s.append(String.format(Locale.ROOT, ", init %.2f ms (cold start)", r.initDurationMs()));
    }
    return s.toString();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (IOException e) {
      return node.toString();
    }
  }

  /** Why a file cannot be read, in words: the JDK's exceptions for a missing file carry only its path. */
  static String whyUnreadable(Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return "there is no such file" + (file.isAbsolute() ? "" : " (relative paths start at " + Path.of("")
          .toAbsolutePath() + ")");
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (Files.isDirectory(file)) {
      return "it is a directory";
    }
    String m = e.getMessage();
    return m == null || m.equals(file.toString()) ? e.getClass().getSimpleName() : m;
  }
}
