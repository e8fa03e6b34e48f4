package io.github.lambdasdlc.workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;

/**
 * The {@code events} step: a stack's history, read only. It prints the newest events of the stack (or, once
 * the stack is deleted, of the newest deleted stack of that name, which CloudFormation keeps for 90 days),
 * oldest first so that the newest is the last line, in aligned columns: time, status, resource type, logical
 * id and reason.
 */
public final class StackHistory {

  /**
   * What to show.
   *
   * @param count how many of the newest events, at least 1
   */
  public record Request(String stackName, int count) {
    public Request {
      if (count < 1) {
        throw WorkflowException.userError("lambda-sdlc.events is " + count + ": give how many of the stack's newest"
            + " events to show, 1 or more (-Dlambda-sdlc.events=50).");
      }
    }
  }

  /**
   * What was shown: the stack's id (null when no stack of that name is known), whether it is a deleted one,
   * its events oldest first, and whether it has older events than those.
   */
  public record Result(String stackId, boolean deleted, List<StackEvent> events, boolean more) {
  }

  private final AwsClients clients;
  private final WorkflowListener listener;

  public StackHistory(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  public Result print(Request request) {
    String where = clients.target().describe();
    Optional<Stack> live = StackLookup.describe(clients, request.stackName());
    String stackId;
    String heading;
    boolean deleted = live.isEmpty();
    if (live.isPresent()) {
      stackId = live.get().stackId();
      heading = "Stack " + request.stackName() + " on " + where + " (" + live.get().stackStatusAsString() + ")";
    } else {
      Optional<StackSummary> gone = newestDeleted(request.stackName());
      if (gone.isEmpty()) {
        listener.info("Stack " + request.stackName() + ": does not exist on " + where
            + ", and no deleted stack of that name is listed. Create it with mvn lambda-sdlc:init.");
        return new Result(null, false, List.of(), false);
      }
      stackId = gone.get().stackId();
      heading = "Stack " + request.stackName() + " on " + where + " (deleted " + gone.get().deletionTime() + ", "
          + stackId + ")";
    }
    List<StackEvent> newestFirst = new ArrayList<>();
    boolean more = readNewest(stackId, request.count(), newestFirst);
    List<StackEvent> events = new ArrayList<>(newestFirst);
    Collections.reverse(events);
    String which;
    if (events.isEmpty()) {
      which = "no events.";
    } else if (more) {
      which = (events.size() == 1 ? "its newest event" : "its " + events.size() + " newest events, oldest first")
          + " (-Dlambda-sdlc.events=N shows more):";
    } else {
      which = events.size() == 1 ? "its only event:" : "all its " + events.size() + " events, oldest first:";
    }
    listener.info(heading + ": " + which);
    for (String line : EventColumns.lines(events)) {
      listener.info("  " + line);
    }
    return new Result(stackId, deleted, List.copyOf(events), more);
  }

  /** Adds up to {@code count} events, newest first; true when the stack has older ones. */
  private boolean readNewest(String stackId, int count, List<StackEvent> into) {
    String token = null;
    try {
      do {
        String next = token;
        DescribeStackEventsResponse page = clients.cloudFormation()
            .describeStackEvents(b -> b.stackName(stackId).nextToken(next));
        for (StackEvent e : page.stackEvents()) {
          if (into.size() == count) {
            return true;
          }
          into.add(e);
        }
        token = page.nextToken();
      } while (token != null && into.size() < count);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading the events of stack " + stackId);
    }
    return token != null;
  }


  /** The newest deleted stack of that name that ListStacks still lists. */
  private Optional<StackSummary> newestDeleted(String stackName) {
    try {
      return clients.cloudFormation().listStacksPaginator(b -> b.stackStatusFilters(StackStatus.DELETE_COMPLETE))
          .stackSummaries().stream()
          .filter(s -> stackName.equals(s.stackName()))
          .max(Comparator.comparing(s -> s.deletionTime() == null ? Instant.MIN : s.deletionTime()));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "listing the deleted stacks named " + stackName);
    }
  }

  /** Stack events as aligned text columns, each as wide as its widest value. */
  static final class EventColumns {
    private EventColumns() {
    }

    static List<String> lines(List<StackEvent> events) {
      int status = 0;
      int type = 0;
      int id = 0;
      for (StackEvent e : events) {
        status = Math.max(status, text(e.resourceStatusAsString()).length());
        type = Math.max(type, text(e.resourceType()).length());
        id = Math.max(id, text(e.logicalResourceId()).length());
      }
      List<String> lines = new ArrayList<>();
      for (StackEvent e : events) {
        String reason = e.resourceStatusReason();
        String line = String.format("%-24s  %-" + status + "s  %-" + type + "s  %-" + id + "s",
            e.timestamp() == null ? "" : e.timestamp().toString(), text(e.resourceStatusAsString()),
            text(e.resourceType()), text(e.logicalResourceId()));
        lines.add(reason == null || reason.isBlank() ? line.stripTrailing() : line + "  " + reason);
      }
      return lines;
    }

    private static String text(String s) {
      return s == null ? "" : s;
    }
  }
}
