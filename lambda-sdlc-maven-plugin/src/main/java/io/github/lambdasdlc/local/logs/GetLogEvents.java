package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GetLogEvents: one stream's events, read from the head ({@code startFromHead}) or the tail (the default),
 * at most {@code limit} (default and most 10,000) events or 1 MB a page.
 *
 * <p>Tokens are positions in the stream: {@code f/<n>} reads forward from event {@code n},
 * {@code b/<n>} backward from just before it; the direction of a given token wins over
 * {@code startFromHead}. As on AWS the tokens are never null, and a page that finds nothing more gives
 * back the very token it was given: clients (the SDK paginator, {@code aws logs tail}-like loops) stop
 * or poll on that.
 */
final class GetLogEvents {
  static final int MAX_EVENTS = 10_000;
  static final int MAX_BYTES = 1_048_576;
  private static final Pattern TOKEN = Pattern.compile("([fb])/(\\d{1,56})");

  private final LocalContext context;
  private final LogDirectory logs;

  GetLogEvents(LocalContext context, LogDirectory logs) {
    this.context = context;
    this.logs = logs;
  }

  ObjectNode handle(LogsRequest request) {
    LogGroupRef.Pending pending = LogGroupRef.read(request);
    String streamName = request.string("logStreamName", 1, 512, LogsRequest.STREAM_NAME_PATTERN, true);
    Long startTime = request.timestamp("startTime");
    Long endTime = request.timestamp("endTime");
    String nextToken = request.string("nextToken", 1, Integer.MAX_VALUE, null, false);
    Integer limit = request.integer("limit", 1, MAX_EVENTS);
    boolean startFromHead = request.bool("startFromHead", false);
    request.bool("unmask", false);
    request.validate();
    Character direction = null;
    int position = 0;
    if (nextToken != null) {
      Matcher m = TOKEN.matcher(nextToken);
      if (!m.matches()) {
        throw LogsErrors.invalidNextToken();
      }
      direction = m.group(1).charAt(0);
      position = new BigInteger(m.group(2)).min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue();
    }
    LogGroupRef group = pending.resolve(context, logs);
    Path file = logs.stream(group.dir(), streamName).orElseThrow(LogsErrors::streamNotFound);

    List<LogEvent> window = new ArrayList<>();
    for (LogEvent e : logs.events(file)) {
      // startTime is inclusive, endTime exclusive, as the API reference says for this operation.
      if ((startTime == null || e.timestamp() >= startTime) && (endTime == null || e.timestamp() < endTime)) {
        window.add(e);
      }
    }
    int pageSize = limit == null ? MAX_EVENTS : limit;
    boolean forward = direction == null ? startFromHead : direction == 'f';
    List<LogEvent> page = forward
        ? forwardPage(window, direction == null ? 0 : position, pageSize)
        : backwardPage(window, direction == null ? Integer.MAX_VALUE : position, pageSize);

    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode events = out.putArray("events");
    for (LogEvent e : page) {
      ObjectNode event = events.addObject();
      event.put("timestamp", e.timestamp());
      event.put("message", e.message());
      // Events are written to the stream file as they happen: the local cloud ingests them at once.
      event.put("ingestionTime", e.timestamp());
    }
    String forwardToken;
    String backwardToken;
    if (!page.isEmpty()) {
      forwardToken = token('f', page.get(page.size() - 1).index() + 1);
      backwardToken = token('b', page.get(0).index());
    } else if (direction == null) {
      int end = window.isEmpty() ? 0 : window.get(window.size() - 1).index() + 1;
      forwardToken = token('f', end);
      backwardToken = token('b', 0);
    } else {
      // Nothing further in the token's direction: that token comes back unchanged.
      forwardToken = direction == 'f' ? nextToken : token('f', position);
      backwardToken = direction == 'b' ? nextToken : token('b', position);
    }
    out.put("nextForwardToken", forwardToken);
    out.put("nextBackwardToken", backwardToken);
    return out;
  }

  private static List<LogEvent> forwardPage(List<LogEvent> window, int from, int pageSize) {
    List<LogEvent> page = new ArrayList<>();
    long bytes = 0;
    for (LogEvent e : window) {
      if (e.index() < from) {
        continue;
      }
      if (page.size() == pageSize || (!page.isEmpty() && bytes + e.size() > MAX_BYTES)) {
        break;
      }
      page.add(e);
      bytes += e.size();
    }
    return page;
  }

  private static List<LogEvent> backwardPage(List<LogEvent> window, int before, int pageSize) {
    Deque<LogEvent> page = new ArrayDeque<>();
    long bytes = 0;
    for (int i = window.size() - 1; i >= 0; i--) {
      LogEvent e = window.get(i);
      if (e.index() >= before) {
        continue;
      }
      if (page.size() == pageSize || (!page.isEmpty() && bytes + e.size() > MAX_BYTES)) {
        break;
      }
      page.addFirst(e);
      bytes += e.size();
    }
    return new ArrayList<>(page);
  }

  /** A token shaped like AWS's: a direction and a 56-digit position. */
  private static String token(char direction, int position) {
    return direction + "/" + String.format("%056d", position);
  }
}
