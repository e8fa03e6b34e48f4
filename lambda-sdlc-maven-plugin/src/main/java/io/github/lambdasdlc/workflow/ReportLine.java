package io.github.lambdasdlc.workflow;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of Lambda's {@code REPORT RequestId: ...} log line: duration, billed duration, memory size,
 * max memory used and, on a cold start, init duration. Absent figures are null.
 */
public record ReportLine(Double durationMs, Long billedMs, Integer memorySizeMb, Integer maxMemoryUsedMb,
    Double initDurationMs) {
  private static final Pattern DURATION = Pattern.compile("\\tDuration: ([0-9.]+) ms");
  private static final Pattern BILLED = Pattern.compile("Billed Duration: ([0-9]+) ms");
  private static final Pattern MEMORY = Pattern.compile("Memory Size: ([0-9]+) MB");
  private static final Pattern MAX_MEMORY = Pattern.compile("Max Memory Used: ([0-9]+) MB");
  private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

  /** The last REPORT line of a log, or null when there is none. */
  public static ReportLine parse(String log) {
    if (log == null) {
      return null;
    }
    int at = log.lastIndexOf("REPORT RequestId:");
    if (at < 0) {
      return null;
    }
    int end = log.indexOf('\n', at);
    String line = log.substring(at, end < 0 ? log.length() : end);
    return new ReportLine(dbl(DURATION, line), lng(BILLED, line), integer(MEMORY, line), integer(MAX_MEMORY, line),
        dbl(INIT, line));
  }

  private static Double dbl(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Double.valueOf(m.group(1)) : null;
  }

  private static Long lng(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Long.valueOf(m.group(1)) : null;
  }

  private static Integer integer(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }
}
