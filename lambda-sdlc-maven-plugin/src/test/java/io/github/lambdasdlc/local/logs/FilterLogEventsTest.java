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
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** FilterLogEvents through the SDK v2 client: interleaving, stream selection, patterns, paging. */
class FilterLogEventsTest {
  static final String GROUP = "/aws/lambda/fn";
  static final String S1 = "2026/01/31/[$LATEST]1111";
  static final String S2 = "2026/01/31/[$LATEST]2222";

  @TempDir
  Path dir;
  LocalLogs logs;
  CloudWatchLogsClient client;

  @BeforeEach
  void start() {
    logs = LocalLogs.start(dir.resolve("state"));
    client = logs.client();
    logs.append(GROUP, S1, 1000, "START RequestId: r1 Version: $LATEST");
    logs.append(GROUP, S2, 1500, "START RequestId: r2 Version: $LATEST");
    logs.append(GROUP, S1, 2000, "[ERROR] Failed to process order 17");
    logs.append(GROUP, S2, 2500, "[WARN] slow downstream");
    logs.append(GROUP, S1, 3000, "END RequestId: r1");
    logs.append(GROUP, "other", 3500, "[ERROR] Retrying order 18");
  }

  @AfterEach
  void stop() {
    client.close();
    logs.close();
  }

  private List<String> filter(String pattern) {
    return client.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern(pattern)).events().stream()
        .map(FilteredLogEvent::message).toList();
  }

  @Test
  void interleavesEveryStreamByTime() {
    FilterLogEventsResponse all = client.filterLogEvents(r -> r.logGroupName(GROUP));

    assertThat(all.events()).extracting(FilteredLogEvent::timestamp)
        .containsExactly(1000L, 1500L, 2000L, 2500L, 3000L, 3500L);
    FilteredLogEvent first = all.events().get(0);
    assertThat(first.logStreamName()).isEqualTo(S1);
    assertThat(first.ingestionTime()).isEqualTo(1000L);
    assertThat(first.eventId()).hasSize(56).containsOnlyDigits();
    assertThat(all.events()).extracting(FilteredLogEvent::eventId).doesNotHaveDuplicates();
    assertThat(all.searchedLogStreams()).isEmpty();
    assertThat(all.nextToken()).isNull();
    assertThat(client.filterLogEvents(r -> r.logGroupName(GROUP)).events()).extracting(FilteredLogEvent::eventId)
        .as("ids are stable across calls").isEqualTo(all.events().stream().map(FilteredLogEvent::eventId).toList());
  }

  @Test
  void matchesTermsPhrasesExclusionsAndAlternatives() {
    assertThat(filter("")).hasSize(6);
    assertThat(filter("ERROR")).containsExactly("[ERROR] Failed to process order 17", "[ERROR] Retrying order 18");
    assertThat(filter("ERROR order 17")).containsExactly("[ERROR] Failed to process order 17");
    assertThat(filter("error")).isEmpty();
    assertThat(filter("\"Failed to process\"")).containsExactly("[ERROR] Failed to process order 17");
    assertThat(filter("ERROR -Retrying")).containsExactly("[ERROR] Failed to process order 17");
    assertThat(filter("?WARN ?END")).containsExactly("[WARN] slow downstream", "END RequestId: r1");
    assertThat(filter("?Retrying order ?START r2")).containsExactly("START RequestId: r2 Version: $LATEST",
        "[ERROR] Retrying order 18");
    assertThat(filter("%order 1[78]$%")).hasSize(2);
  }

  @Test
  void selectsStreamsAndTimes() {
    assertThat(client.filterLogEvents(r -> r.logGroupName(GROUP).logStreamNames(S2, "missing")).events())
        .extracting(FilteredLogEvent::logStreamName).containsOnly(S2).hasSize(2);
    assertThat(client.filterLogEvents(r -> r.logGroupName(GROUP).logStreamNamePrefix("2026/")).events())
        .hasSize(5);
    assertThat(client.filterLogEvents(r -> r.logGroupName(GROUP).startTime(1500L).endTime(2500L)).events())
        .extracting(FilteredLogEvent::timestamp).containsExactly(1500L, 2000L, 2500L);
    String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + GROUP;
    assertThat(client.filterLogEvents(r -> r.logGroupIdentifier(arn).filterPattern("END")).events()).hasSize(1);
  }

  @Test
  void pagesWithNextTokenWhileEventsRemain() {
    IntStream.range(0, 40).forEach(i -> logs.append(GROUP, i % 2 == 0 ? S1 : S2, 10_000 + i / 3, "bulk " + i));

    FilterLogEventsResponse first = client.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern("bulk").limit(15));
    assertThat(first.events()).hasSize(15);
    assertThat(first.nextToken()).isNotNull();
    List<String> all = client.filterLogEventsPaginator(r -> r.logGroupName(GROUP).filterPattern("bulk").limit(7))
        .events().stream().map(FilteredLogEvent::message).toList();
    assertThat(all).hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void pollingFromTheNewestTimestampAsTailFollowDoesSeesKnownIdsAndNewEvents() {
    // aws logs tail --follow polls again from the newest timestamp it saw and drops the ids it has shown.
    FilterLogEventsResponse first = client.filterLogEvents(r -> r.logGroupName(GROUP).startTime(3500L));
    assertThat(first.events()).extracting(FilteredLogEvent::message).containsExactly("[ERROR] Retrying order 18");
    logs.append(GROUP, S2, 3500, "same millisecond");
    logs.append(GROUP, S1, 4000, "later");

    FilterLogEventsResponse again = client.filterLogEvents(r -> r.logGroupName(GROUP).startTime(3500L));

    assertThat(again.events()).extracting(FilteredLogEvent::message)
        .containsExactly("same millisecond", "[ERROR] Retrying order 18", "later");
    assertThat(again.events().get(1).eventId()).isEqualTo(first.events().get(0).eventId());
    assertThat(again.nextToken()).isNull();
  }

  @Test
  void answersAwsErrors() {
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName("/nope")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.");
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName(GROUP).logStreamNames(S1)
        .logStreamNamePrefix("2026")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern("{ $.level = \"ERROR\" }")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("not supported by the local cloud");
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName(GROUP).filterPattern("\"unclosed")))
        .isInstanceOf(InvalidParameterException.class);
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName(GROUP).nextToken("bogus")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The specified nextToken is invalid.");
    assertThatThrownBy(() -> client.filterLogEvents(r -> r.logGroupName(GROUP).limit(10001)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint:"
            + " Member must have value less than or equal to 10000");
  }
}
