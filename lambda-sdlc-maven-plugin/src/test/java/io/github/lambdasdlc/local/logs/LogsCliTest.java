package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS CLI on the PATH, unchanged, against the logs service through --endpoint-url; skipped without it. */
class LogsCliTest {
  @TempDir
  Path dir;
  LocalLogs logs;

  @BeforeEach
  void start() {
    assumeTrue(available(), "the AWS CLI is not installed");
    logs = LocalLogs.start(dir.resolve("state"));
  }

  @AfterEach
  void stop() {
    if (logs != null) {
      logs.close();
    }
  }

  @Test
  void describeLogGroupsListsEveryGroupAcrossPages() throws Exception {
    IntStream.range(0, 60).forEach(i -> logs.group(String.format("/g/%02d", i)));

    JsonNode out = aws("logs", "describe-log-groups");

    assertThat(out.path("logGroups")).hasSize(60);
    assertThat(out.path("logGroups").get(0).path("arn").asText())
        .isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/g/00:*");
  }

  @Test
  void filterLogEventsFindsMatchesInEveryStreamAcrossPages() throws Exception {
    IntStream.range(0, 30).forEach(i -> logs.append("/aws/lambda/fn", "s" + (i % 3), 1000 + i,
        (i % 2 == 0 ? "[ERROR] " : "[INFO] ") + "event " + i));

    JsonNode out = aws("logs", "filter-log-events", "--log-group-name", "/aws/lambda/fn", "--filter-pattern",
        "ERROR", "--page-size", "4");

    assertThat(out.path("events")).hasSize(15);
    assertThat(out.path("events").get(0).path("message").asText()).isEqualTo("[ERROR] event 0");
    assertThat(out.path("events").get(14).path("logStreamName").asText()).isEqualTo("s1");
  }

  @Test
  void getLogEventsAndErrorsReadAsOnAws() throws Exception {
    logs.append("/aws/lambda/fn", "2026/01/31/[$LATEST]ab", 1000, "START RequestId: 1");

    JsonNode out = aws("logs", "get-log-events", "--log-group-name", "/aws/lambda/fn", "--log-stream-name",
        "2026/01/31/[$LATEST]ab");
    assertThat(out.path("events").get(0).path("message").asText()).isEqualTo("START RequestId: 1");

    Outcome missing = run("logs", "describe-log-streams", "--log-group-name", "/nope");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("(ResourceNotFoundException)").contains("The specified log group does not exist.");
  }

  record Outcome(int exitCode, String stdout, String stderr) {
  }

  private JsonNode aws(String... args) throws Exception {
    Outcome outcome = run(args);
    assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
    return Json.MAPPER.readTree(outcome.stdout());
  }

  private Outcome run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", logs.endpoint().toString(),
        "--output", "json"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
    pb.redirectError(dir.resolve("stderr.txt").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("Timed out: " + command);
    }
    String stderr = java.nio.file.Files.readString(dir.resolve("stderr.txt"));
    return new Outcome(p.exitValue(), stdout, stderr);
  }

  private static boolean available() {
    try {
      Process p = new ProcessBuilder("aws", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
