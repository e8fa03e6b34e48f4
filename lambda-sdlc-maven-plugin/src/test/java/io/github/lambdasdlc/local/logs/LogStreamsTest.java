package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/** What a producer (the execution engine) writes through {@link LogStreams} is what the Logs API serves. */
class LogStreamsTest {
  @TempDir
  Path dir;

  @Test
  void eventsWrittenThroughTheApiAreServedByTheReadApi() {
    try (LocalLogs logs = LocalLogs.start(dir.resolve("state")); CloudWatchLogsClient client = logs.client()) {
      LogStreams streams = LogStreams.of(logs.store);
      try (LogStreamWriter writer = streams.open("/aws/lambda/fn", "2026/01/31/[$LATEST]abc")) {
        writer.append(1000L, "START RequestId: 1 Version: $LATEST");
        writer.append(1001L, "a line with\nan inner break");
      }

      assertThat(client.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/fn")).logGroups())
          .extracting(g -> g.logGroupName()).containsExactly("/aws/lambda/fn");
      assertThat(client.getLogEvents(r -> r.logGroupName("/aws/lambda/fn").logStreamName("2026/01/31/[$LATEST]abc")
              .startFromHead(true)).events())
          .extracting(OutputLogEvent::timestamp, OutputLogEvent::message)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1000L, "START RequestId: 1 Version: $LATEST"),
              org.assertj.core.groups.Tuple.tuple(1001L, "a line with\nan inner break"));
      assertThat(streams.directory()).isEqualTo(logs.logsDir());
    }
  }

  @Test
  void aClosedStreamTakesNoMoreEvents() {
    try (LocalLogs logs = LocalLogs.start(dir.resolve("state")); CloudWatchLogsClient client = logs.client()) {
      LogStreamWriter writer = LogStreams.of(logs.store).open("/aws/lambda/fn", "s");
      writer.append(1L, "kept");
      writer.close();
      writer.append(2L, "dropped");

      assertThat(client.getLogEvents(r -> r.logGroupName("/aws/lambda/fn").logStreamName("s")).events())
          .extracting(OutputLogEvent::message).containsExactly("kept");
    }
  }
}
