package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * FilterLogEvents: the events of a group's streams (all, named ones, or those with a name prefix) within
 * a time range and matching a {@link FilterPattern}, interleaved by time (AWS ignores
 * {@code interleaved=false} since 2019), at most {@code limit} (default and most 10,000) or 1 MB a page.
 * A {@code nextToken} is given only while more matching events remain, and holds the last event's
 * position, so pages stay right as streams grow. Event ids are stable across calls: {@code aws logs tail
 * --follow} drops events it has seen by their ids when it polls again from the newest timestamp.
 */
final class FilterLogEvents {
  private static final Comparator<Hit> ORDER = Comparator.comparingLong((Hit h) -> h.event().timestamp())
      .thenComparing(Hit::stream)
      .thenComparingInt(h -> h.event().index());

  private final LocalContext context;
  private final LogDirectory logs;

  FilterLogEvents(LocalContext context, LogDirectory logs) {
    this.context = context;
    this.logs = logs;
  }

  ObjectNode handle(LogsRequest request) {
    LogGroupRef.Pending pending = LogGroupRef.read(request);
    List<String> streamNames = request.strings("logStreamNames", 1, 100, 1, 512, LogsRequest.STREAM_NAME_PATTERN);
    String prefix = request.string("logStreamNamePrefix", 1, 512, LogsRequest.STREAM_NAME_PATTERN, false);
    Long startTime = request.timestamp("startTime");
    Long endTime = request.timestamp("endTime");
    String filterPattern = request.string("filterPattern", 0, 1024, null, false);
    String nextToken = request.string("nextToken", 1, Integer.MAX_VALUE, null, false);
    Integer limit = request.integer("limit", 1, GetLogEvents.MAX_EVENTS);
    request.bool("interleaved", true);
    request.bool("unmask", false);
    request.validate();
    if (streamNames != null && prefix != null) {
      throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix cannot both be specified.");
    }
    FilterPattern pattern = FilterPattern.parse(filterPattern);
    Hit after = null;
    if (nextToken != null) {
      List<String> parts = PageToken.decode(nextToken, "filter", 3);
      after = new Hit(parts.get(1), new LogEvent((int) PageToken.number(parts.get(2)), PageToken.number(parts.get(0)), ""));
    }
    LogGroupRef group = pending.resolve(context, logs);

    Set<String> named = streamNames == null ? null : new HashSet<>(streamNames);
    List<Hit> hits = new ArrayList<>();
    for (String stream : logs.streamNames(group.dir())) {
      if ((named != null && !named.contains(stream)) || (prefix != null && !stream.startsWith(prefix))) {
        continue;
      }
      Optional<Path> file = logs.stream(group.dir(), stream);
      if (file.isEmpty()) {
        continue;
      }
      for (LogEvent e : logs.events(file.get())) {
        // Both ends are inclusive: the reference only excludes events before startTime and after endTime.
        if ((startTime != null && e.timestamp() < startTime) || (endTime != null && e.timestamp() > endTime)) {
          continue;
        }
        Hit hit = new Hit(stream, e);
        if ((after == null || ORDER.compare(hit, after) > 0) && pattern.matches(e.message())) {
          hits.add(hit);
        }
      }
    }
    hits.sort(ORDER);

    int pageSize = limit == null ? GetLogEvents.MAX_EVENTS : limit;
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode events = out.putArray("events");
    long bytes = 0;
    int taken = 0;
    for (Hit hit : hits) {
      int size = hit.event().size();
      if (taken == pageSize || (taken > 0 && bytes + size > GetLogEvents.MAX_BYTES)) {
        break;
      }
      ObjectNode event = events.addObject();
      event.put("logStreamName", hit.stream());
      event.put("timestamp", hit.event().timestamp());
      event.put("message", hit.event().message());
      event.put("ingestionTime", hit.event().timestamp());
      event.put("eventId", eventId(hit));
      bytes += size;
      taken++;
    }
    // AWS no longer reports the streams searched (since 2020): the member is an empty list.
    out.putArray("searchedLogStreams");
    if (taken < hits.size()) {
      Hit last = hits.get(taken - 1);
      out.put("nextToken", PageToken.encode("filter", String.valueOf(last.event().timestamp()), last.stream(),
          String.valueOf(last.event().index())));
    }
    return out;
  }

  /**
   * A 56-digit id, as AWS's are, that names one event for good: its timestamp, a hash of its stream's
   * name and its position in the stream.
   */
  static String eventId(Hit hit) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : hit.stream().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return String.format("%020d%019d%017d", Math.max(0, hit.event().timestamp()), hash & Long.MAX_VALUE,
        hit.event().index());
  }

  /** An event found, with its stream. */
  record Hit(String stream, LogEvent event) {
  }
}
