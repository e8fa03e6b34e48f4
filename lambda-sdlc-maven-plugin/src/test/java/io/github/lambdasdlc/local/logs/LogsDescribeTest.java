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
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroupClass;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/** DescribeLogGroups and DescribeLogStreams through the SDK v2 client, paginators included. */
class LogsDescribeTest {
  static final String FN_GROUP = "/aws/lambda/quote-pricer";
  static final String STREAM_A = "2026/01/31/[$LATEST]aaaa";
  static final String STREAM_B = "2026/01/31/[$LATEST]bbbb";

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

  @Test
  void describesGroupsWithAndWithoutStreams() {
    logs.append(FN_GROUP, STREAM_A, 1_767_225_600_000L, "START RequestId: 1 Version: $LATEST");
    logs.group("/app/empty");
    assertThat(logs.service.createLogGroup("cfn-made")).isTrue();
    assertThat(logs.service.createLogGroup("cfn-made")).isFalse();

    List<LogGroup> groups = client.describeLogGroups().logGroups();

    assertThat(groups).extracting(LogGroup::logGroupName).containsExactly("/app/empty", FN_GROUP, "cfn-made");
    LogGroup fn = groups.get(1);
    assertThat(fn.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/quote-pricer:*");
    assertThat(fn.logGroupArn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/quote-pricer");
    assertThat(fn.logGroupClass()).isEqualTo(LogGroupClass.STANDARD);
    assertThat(fn.metricFilterCount()).isZero();
    assertThat(fn.storedBytes()).isEqualTo(LocalLogs.line(1_767_225_600_000L,
        "START RequestId: 1 Version: $LATEST").length() + 1L);
    assertThat(fn.creationTime()).isPositive().isLessThanOrEqualTo(1_767_225_600_000L);
    assertThat(groups.get(0).storedBytes()).isZero();
    assertThat(groups.get(0).deletionProtectionEnabled()).isFalse();
  }

  @Test
  void filtersGroupsByPrefixPatternAndIdentifiers() {
    logs.group("/aws/lambda/a");
    logs.group("/aws/lambda/b");
    logs.group("/app/DataLogs");

    assertThat(client.describeLogGroups(r -> r.logGroupNamePrefix("/aws/lambda/")).logGroups())
        .extracting(LogGroup::logGroupName).containsExactly("/aws/lambda/a", "/aws/lambda/b");
    List<LogGroup> byPattern = client.describeLogGroups(r -> r.logGroupNamePattern("DataLogs")).logGroups();
    assertThat(byPattern).extracting(LogGroup::logGroupName).containsExactly("/app/DataLogs");
    assertThat(byPattern.get(0).storedBytes()).as("a pattern search leaves storedBytes out").isNull();
    assertThat(client.describeLogGroups(r -> r.logGroupNamePattern("datalogs")).logGroups()).isEmpty();
    assertThat(client.describeLogGroups(r -> r.logGroupIdentifiers("/aws/lambda/b",
        "arn:aws:logs:us-east-1:000000000000:log-group:/app/DataLogs")).logGroups())
        .extracting(LogGroup::logGroupName).containsExactly("/app/DataLogs", "/aws/lambda/b");
    assertThat(client.describeLogGroups(r -> r.logGroupClass(LogGroupClass.DELIVERY)).logGroups()).isEmpty();
  }

  @Test
  void pagesGroupsWithTheSdkPaginator() {
    IntStream.range(0, 120).forEach(i -> logs.group(String.format("/g/%03d", i)));

    var first = client.describeLogGroups(r -> r.limit(50));
    assertThat(first.logGroups()).hasSize(50);
    assertThat(first.nextToken()).isNotBlank();
    List<String> all = client.describeLogGroupsPaginator(r -> r.limit(7)).logGroups().stream()
        .map(LogGroup::logGroupName).toList();
    assertThat(all).hasSize(120).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void deletesAGroupWithItsStreams() {
    logs.append(FN_GROUP, STREAM_A, 1000, "x");
    assertThat(logs.service.logGroupExists(FN_GROUP)).isTrue();

    assertThat(logs.service.deleteLogGroup(FN_GROUP)).isTrue();
    assertThat(logs.service.deleteLogGroup(FN_GROUP)).isFalse();

    assertThat(client.describeLogGroups().logGroups()).isEmpty();
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupName(FN_GROUP)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> logs.service.createLogGroup("bad name!")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> logs.service.createLogGroup("..")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsBadDescribeLogGroupsInputAsAws() {
    assertThatThrownBy(() -> client.describeLogGroups(r -> r.logGroupNamePrefix("/a").logGroupNamePattern("b")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    assertThatThrownBy(() -> client.describeLogGroups(r -> r.limit(51)))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("1 validation error detected: Value '51' at 'limit' failed to satisfy constraint:"
            + " Member must have value less than or equal to 50");
    assertThatThrownBy(() -> client.describeLogGroups(r -> r.logGroupNamePrefix("")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("2 validation errors detected: Value '' at 'logGroupNamePrefix' failed to satisfy"
            + " constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+; Value '' at"
            + " 'logGroupNamePrefix' failed to satisfy constraint: Member must have length greater than or equal to 1");
    assertThatThrownBy(() -> client.describeLogGroups(r -> r.nextToken("not-ours")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("The specified nextToken is invalid.");
  }

  @Test
  void describesStreamsWithEventTimes() {
    logs.append(FN_GROUP, STREAM_A, 2000, "a1");
    logs.append(FN_GROUP, STREAM_A, 5000, "a2");
    logs.append(FN_GROUP, STREAM_B, 3000, "b1");
    logs.appendRaw(FN_GROUP, "empty", "");

    List<LogStream> streams = client.describeLogStreams(r -> r.logGroupName(FN_GROUP)).logStreams();

    assertThat(streams).extracting(LogStream::logStreamName).containsExactly(STREAM_A, STREAM_B, "empty");
    LogStream a = streams.get(0);
    assertThat(a.firstEventTimestamp()).isEqualTo(2000);
    assertThat(a.lastEventTimestamp()).isEqualTo(5000);
    assertThat(a.lastIngestionTime()).isPositive();
    assertThat(a.creationTime()).isLessThanOrEqualTo(2000);
    assertThat(a.storedBytes()).isZero();
    assertThat(a.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/quote-pricer"
        + ":log-stream:2026/01/31/[$LATEST]aaaa");
    LogStream empty = streams.get(2);
    assertThat(empty.firstEventTimestamp()).isNull();
    assertThat(empty.lastEventTimestamp()).isNull();
    assertThat(empty.creationTime()).isPositive();
  }

  @Test
  void ordersFiltersAndPagesStreams() {
    logs.append(FN_GROUP, STREAM_A, 9000, "newest");
    logs.append(FN_GROUP, STREAM_B, 1000, "oldest");
    logs.append(FN_GROUP, "other", 5000, "middle");

    assertThat(client.describeLogStreams(r -> r.logGroupName(FN_GROUP).orderBy(OrderBy.LAST_EVENT_TIME)
        .descending(true)).logStreams()).extracting(LogStream::logStreamName)
        .containsExactly(STREAM_A, "other", STREAM_B);
    assertThat(client.describeLogStreams(r -> r.logGroupName(FN_GROUP).descending(true)).logStreams())
        .extracting(LogStream::logStreamName).containsExactly("other", STREAM_B, STREAM_A);
    assertThat(client.describeLogStreams(r -> r.logGroupName(FN_GROUP).logStreamNamePrefix("2026/")).logStreams())
        .extracting(LogStream::logStreamName).containsExactly(STREAM_A, STREAM_B);
    assertThat(client.describeLogStreamsPaginator(r -> r.logGroupName(FN_GROUP).orderBy(OrderBy.LAST_EVENT_TIME)
        .limit(1)).logStreams().stream().map(LogStream::logStreamName).toList())
        .containsExactly(STREAM_B, "other", STREAM_A);
  }

  @Test
  void namesTheGroupByIdentifierAndRejectsBothOrNeither() {
    logs.append(FN_GROUP, STREAM_A, 1000, "x");
    String arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + FN_GROUP;

    assertThat(client.describeLogStreams(r -> r.logGroupIdentifier(arn)).logStreams()).hasSize(1);
    assertThat(client.describeLogStreams(r -> r.logGroupIdentifier(FN_GROUP)).logStreams()).hasSize(1);
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupIdentifier(
        "arn:aws:logs:eu-west-1:000000000000:log-group:" + FN_GROUP)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupName(FN_GROUP).logGroupIdentifier(arn)))
        .isInstanceOf(CloudWatchLogsException.class)
        .hasMessageStartingWith("LogGroup name and LogGroup ARN are mutually exclusive parameters.")
        .satisfies(e -> assertThat(((CloudWatchLogsException) e).awsErrorDetails().errorCode())
            .isEqualTo("ValidationException"));
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logStreamNamePrefix("x")))
        .isInstanceOf(InvalidParameterException.class);
  }

  @Test
  void rejectsBadDescribeLogStreamsInputAsAws() {
    logs.group(FN_GROUP);
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupName("/nope")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageStartingWith("The specified log group does not exist.")
        .satisfies(e -> assertThat(((ResourceNotFoundException) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupName(FN_GROUP)
        .orderBy(OrderBy.LAST_EVENT_TIME).logStreamNamePrefix("2026")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageStartingWith("Cannot order by LastEventTime with a logStreamNamePrefix.");
    assertThatThrownBy(() -> client.describeLogStreams(r -> r.logGroupName("bad name")))
        .isInstanceOf(InvalidParameterException.class)
        .hasMessageContaining("Value 'bad name' at 'logGroupName' failed to satisfy constraint");
  }
}
