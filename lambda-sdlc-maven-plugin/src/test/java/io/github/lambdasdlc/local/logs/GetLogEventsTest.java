package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** GetLogEvents through the SDK v2 client: direction, tokens, limits, growing files. */
class GetLogEventsTest {
  static final String GROUP = "/aws/lambda/fn";
  static final String STREAM = "2026/01/31/[$LATEST]0123abcd";

  @TempDir
  Path dir;
  LocalLogs logs;
  CloudWatchLogsClient client;

  @BeforeEach
  void start() {
    logs = LocalLogs.start(dir.resolve("state"));
    client = logs.client();
  }

  @AfterEach
  void stop() {
    client.close();
    logs.close();
  }

  private void write(int count) {
    IntStream.range(0, count).forEach(i -> logs.append(GROUP, STREAM, 1000L + i, "line " + i));
  }

  private static List<String> messages(GetLogEventsResponse r) {
    return r.events().stream().map(OutputLogEvent::message).toList();
  }

  @Test
  void readsTheTailByDefaultAndTheHeadOnRequest() {
    write(5);

    GetLogEventsResponse tail = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2));
    assertThat(messages(tail)).containsExactly("line 3", "line 4");
    GetLogEventsResponse head = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2)
        .startFromHead(true));
    assertThat(messages(head)).containsExactly("line 0", "line 1");
    OutputLogEvent first = head.events().get(0);
    assertThat(first.timestamp()).isEqualTo(1000L);
    assertThat(first.ingestionTime()).isEqualTo(1000L);
    assertThat(head.nextForwardToken()).startsWith("f/").hasSize(58);
    assertThat(head.nextBackwardToken()).startsWith("b/");
  }

  @Test
  void walksBothWaysWithTokensAndGivesTheSameTokenBackAtTheEnd() {
    write(5);
    GetLogEventsResponse head = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2)
        .startFromHead(true));

    GetLogEventsResponse next = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2)
        .nextToken(head.nextForwardToken()));
    assertThat(messages(next)).containsExactly("line 2", "line 3");
    GetLogEventsResponse last = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2)
        .nextToken(next.nextForwardToken()));
    assertThat(messages(last)).containsExactly("line 4");
    GetLogEventsResponse end = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(2)
        .nextToken(last.nextForwardToken()));
    assertThat(end.events()).isEmpty();
    assertThat(end.nextForwardToken()).isEqualTo(last.nextForwardToken());

    GetLogEventsResponse back = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(3)
        .nextToken(last.nextBackwardToken()));
    assertThat(messages(back)).containsExactly("line 1", "line 2", "line 3");
    GetLogEventsResponse start = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(3)
        .nextToken(back.nextBackwardToken()));
    assertThat(messages(start)).containsExactly("line 0");
    GetLogEventsResponse beforeStart = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
        .nextToken(start.nextBackwardToken()));
    assertThat(beforeStart.events()).isEmpty();
    assertThat(beforeStart.nextBackwardToken()).isEqualTo(start.nextBackwardToken());

    // Events written later are found with the forward token that had reached the end.
    logs.append(GROUP, STREAM, 2000, "late");
    assertThat(messages(client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
        .nextToken(end.nextForwardToken())))).containsExactly("late");
  }

  @Test
  void theSdkPaginatorReadsEveryEventOnceAndStops() {
    write(25);

    List<String> all = client.getLogEventsPaginator(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(4)
        .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();

    assertThat(all).hasSize(25).startsWith("line 0").endsWith("line 24").doesNotHaveDuplicates();
  }

  @Test
  void appliesTheTimeRangeStartInclusiveEndExclusive() {
    write(10); // timestamps 1000..1009

    assertThat(messages(client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).startTime(1003L)
        .endTime(1006L).startFromHead(true)))).containsExactly("line 3", "line 4", "line 5");
  }

  @Test
  void leavesALineStillBeingWrittenForLater() {
    write(1);
    logs.appendRaw(GROUP, STREAM, LocalLogs.line(5000, "half"));

    assertThat(messages(client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM))))
        .containsExactly("line 0");

    logs.appendRaw(GROUP, STREAM, "\n");
    assertThat(messages(client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM))))
        .containsExactly("line 0", "half");
  }

  @Test
  void capsAPageAtOneMegabyte() {
    String big = "x".repeat(200_000);
    IntStream.range(0, 8).forEach(i -> logs.append(GROUP, STREAM, 1000 + i, i + big));

    GetLogEventsResponse page = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
        .startFromHead(true));

    assertThat(page.events()).hasSize(5); // 5 x (200,001 + 26) bytes fit in 1,048,576; 6 do not
    GetLogEventsResponse rest = client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
        .nextToken(page.nextForwardToken()));
    assertThat(rest.events()).hasSize(3);
    assertThat(rest.events().get(0).message()).startsWith("5x");
  }

  @Test
  void answersAwsErrors() {
    write(1);
    assertThatThrownBy(() -> client.getLogEvents(r -> r.logGroupName("/nope").logStreamName(STREAM)))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    assertThatThrownBy(() -> client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName("nope")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log stream does not exist.");
    assertThatThrownBy(() -> client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
        .nextToken("invalid-token")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The specified nextToken is invalid.");
    assertThatThrownBy(() -> client.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM).limit(10001)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
    assertThatThrownBy(() -> client.getLogEvents(r -> r.logGroupName(GROUP)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value null at 'logStreamName' failed to satisfy"
            + " constraint: Member must not be null");
  }
}
