package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

/** The files are the state: a new service on the same directory serves the same logs. */
class LogsRestartTest {
  @TempDir
  Path dir;

  @Test
  void aFreshDirectoryHasNoGroupsAndARestartKeepsThemAll() {
    Path state = dir.resolve("state");
    List<FilteredLogEvent> before;
    try (LocalLogs logs = LocalLogs.start(state); CloudWatchLogsClient client = logs.client()) {
      assertThat(client.describeLogGroups().logGroups()).isEmpty();
      logs.service.createLogGroup("/cfn/made");
      logs.append("/aws/lambda/fn", "s1", 1000, "hello");
      logs.append("/aws/lambda/fn", "s2", 2000, "world");
      before = client.filterLogEvents(r -> r.logGroupName("/aws/lambda/fn")).events();
    }

    try (LocalLogs logs = LocalLogs.start(state); CloudWatchLogsClient client = logs.client()) {
      assertThat(client.describeLogGroups().logGroups()).extracting(LogGroup::logGroupName)
          .containsExactly("/aws/lambda/fn", "/cfn/made");
      assertThat(client.filterLogEvents(r -> r.logGroupName("/aws/lambda/fn")).events()).isEqualTo(before);
    }
  }
}
