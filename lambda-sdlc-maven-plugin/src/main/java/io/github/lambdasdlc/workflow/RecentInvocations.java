package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * The cost of a function's last invocations, as {@code status} shows it: the REPORT lines of its log group
 * over the last day (at most the newest {@value #MAX_INVOCATIONS}), summarised by {@link CostEstimate} at the
 * function's memory size and architecture. Invocations billed at another memory size (before a change of
 * MemorySize) are left out, and counted.
 */
public final class RecentInvocations {
  static final int MAX_INVOCATIONS = 100;
  static final Duration WINDOW = Duration.ofDays(1);
  /** FilterLogEvents pages to read at most: a busy function's day can hold millions of REPORT lines. */
  private static final int MAX_PAGES = 20;

  private final AwsClients clients;
  private final WorkflowListener listener;

  public RecentInvocations(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  /**
   * Reports the cost of the last invocations the log group holds.
   *
   * @return their figures, or null when the logs hold no REPORT line of the last day at this memory size
   */
  public CostEstimate.Figures report(GetFunctionConfigurationResponse function, LambdaPrices prices, Instant now) {
    String group = LogTail.logGroup(function);
    List<ReportLine> reports;
    try {
      reports = lastReports(group, now);
    } catch (ResourceNotFoundException e) {
      listener.info("Cost: no invocations to price, log group " + group + " does not exist yet.");
      return null;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading the REPORT lines of log group " + group);
    }
    List<ReportLine> atThisSize = reports.stream().filter(r -> r.memorySizeMb() == null
        || r.memorySizeMb().equals(function.memorySize())).toList();
    int otherSizes = reports.size() - atThisSize.size();
    String architecture = function.hasArchitectures() && !function.architectures().isEmpty()
        ? function.architecturesAsStrings().get(0) : null;
    CostEstimate estimate = new CostEstimate(prices, function.memorySize(), architecture);
    CostEstimate.Figures figures = estimate.figures(atThisSize);
    String others = otherSizes == 0 ? "" : " (" + otherSizes + " at another memory size left out)";
    if (figures == null) {
      listener.info("Cost: no invocations to price, log group " + group + " has no REPORT line of the last "
          + WINDOW.toHours() + " hours" + others + ".");
      return null;
    }
    listener.info(estimate.header("the last invocations in log group " + group));
    listener.info("  " + CostEstimate.group(figures) + others);
    String advice = estimate.advice(figures);
    if (advice != null) {
      listener.info(advice);
    }
    if (!clients.target().isAws()) {
      listener.info(CostEstimate.notAws(clients.target()));
    }
    return figures;
  }

  /**
   * The newest REPORT lines of the last day, oldest first. FilterLogEvents answers oldest first, so the day
   * is read in windows going back from now (a quarter of an hour, an hour, six hours, the day) until enough
   * are found: a busy function's day can hold millions of them.
   */
  private List<ReportLine> lastReports(String group, Instant now) {
    Deque<ReportLine> newest = new ArrayDeque<>();
    Instant end = now;
    for (Duration back : List.of(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6), WINDOW)) {
      Instant start = now.minus(back);
      List<ReportLine> window = window(group, start, end);
      for (int i = window.size() - 1; i >= 0 && newest.size() < MAX_INVOCATIONS; i--) {
        newest.addFirst(window.get(i));
      }
      if (newest.size() >= MAX_INVOCATIONS) {
        break;
      }
      end = start;
    }
    return new ArrayList<>(newest);
  }

  /** The REPORT lines from {@code start} (inclusive) to {@code end} (exclusive), the newest {@value #MAX_INVOCATIONS}. */
  private List<ReportLine> window(String group, Instant start, Instant end) {
    Deque<ReportLine> newest = new ArrayDeque<>();
    String token = null;
    int pages = 0;
    do {
      FilterLogEventsResponse page = clients.logs().filterLogEvents(FilterLogEventsRequest.builder()
          .logGroupName(group).startTime(start.toEpochMilli()).endTime(end.toEpochMilli() - 1)
          .filterPattern("\"REPORT RequestId\"").nextToken(token).build());
      List<FilteredLogEvent> events = new ArrayList<>(page.events());
      events.sort(Comparator.comparingLong(FilteredLogEvent::timestamp));
      for (FilteredLogEvent e : events) {
        ReportLine r = ReportLine.parse(e.message());
        if (r != null) {
          newest.addLast(r);
          if (newest.size() > MAX_INVOCATIONS) {
            newest.removeFirst();
          }
        }
      }
      token = page.nextToken();
    } while (token != null && ++pages < MAX_PAGES);
    if (token != null) {
      listener.debug("Read " + MAX_PAGES + " pages of REPORT lines of " + group + " from " + start + "; the later ones"
          + " are not priced.");
    }
    return new ArrayList<>(newest);
  }
}
