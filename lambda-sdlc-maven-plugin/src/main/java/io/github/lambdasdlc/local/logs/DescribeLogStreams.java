package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.logs.LogDirectory.StreamSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DescribeLogStreams: a group's streams ordered by name or by last event time, ascending or descending,
 * up to {@code limit} (default and most 50) a page. The token holds the last listed stream's sort key, so
 * paging stays right while streams are added.
 */
final class DescribeLogStreams {
  private static final List<String> ORDERS = List.of("LogStreamName", "LastEventTime");

  private final LocalContext context;
  private final LogDirectory logs;

  DescribeLogStreams(LocalContext context, LogDirectory logs) {
    this.context = context;
    this.logs = logs;
  }

  ObjectNode handle(LogsRequest request) {
    LogGroupRef.Pending pending = LogGroupRef.read(request);
    String prefix = request.string("logStreamNamePrefix", 1, 512, LogsRequest.STREAM_NAME_PATTERN, false);
    String orderBy = request.enumValue("orderBy", ORDERS);
    boolean descending = request.bool("descending", false);
    String nextToken = request.string("nextToken", 1, Integer.MAX_VALUE, null, false);
    Integer limit = request.integer("limit", 1, 50);
    request.validate();
    boolean byTime = "LastEventTime".equals(orderBy);
    if (byTime && prefix != null) {
      throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
    }
    LogGroupRef group = pending.resolve(context, logs);

    List<StreamSummary> streams = new ArrayList<>();
    for (String name : logs.streamNames(group.dir())) {
      if (prefix == null || name.startsWith(prefix)) {
        logs.stream(group.dir(), name).flatMap(file -> logs.summarize(name, file)).ifPresent(streams::add);
      }
    }
    Comparator<StreamSummary> order = byTime
        ? Comparator.comparingLong(StreamSummary::lastEventTimeOrZero).thenComparing(StreamSummary::name)
        : Comparator.comparing(StreamSummary::name);
    if (descending) {
      order = order.reversed();
    }
    streams.sort(order);
    if (nextToken != null) {
      List<String> after = PageToken.decode(nextToken, "streams", 2);
      StreamSummary last = new StreamSummary(after.get(1), null, 0, null, PageToken.number(after.get(0)), null);
      Comparator<StreamSummary> finalOrder = order;
      streams.removeIf(s -> finalOrder.compare(s, last) <= 0);
    }

    int pageSize = limit == null ? 50 : limit;
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode list = out.putArray("logStreams");
    for (StreamSummary s : streams.subList(0, Math.min(pageSize, streams.size()))) {
      list.add(describe(group.name(), s));
    }
    if (streams.size() > pageSize) {
      StreamSummary last = streams.get(pageSize - 1);
      out.put("nextToken", PageToken.encode("streams", String.valueOf(last.lastEventTimeOrZero()), last.name()));
    }
    return out;
  }

  /** One stream; a stream without events has no event times, as on AWS. storedBytes is always 0 there too. */
  private ObjectNode describe(String group, StreamSummary s) {
    ObjectNode stream = Json.MAPPER.createObjectNode();
    stream.put("logStreamName", s.name());
    stream.put("creationTime", s.creationTime());
    if (s.firstEventTimestamp() != null) {
      stream.put("firstEventTimestamp", s.firstEventTimestamp());
      stream.put("lastEventTimestamp", s.lastEventTimestamp());
      stream.put("lastIngestionTime", s.lastIngestionTime());
    }
    stream.put("arn", LogGroupRef.streamArn(context, group, s.name()));
    stream.put("storedBytes", 0);
    return stream;
  }
}
