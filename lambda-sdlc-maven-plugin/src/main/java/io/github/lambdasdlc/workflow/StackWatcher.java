package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.ResourceStatus;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Waits for a stack operation to settle, printing every new stack event once, oldest first, as it
 * happens. It polls DescribeStacks itself instead of using the SDK's waiters, which wait 30 seconds between
 * polls and print nothing.
 */
final class StackWatcher {
  private final CloudFormationClient cloudFormation;
  private final Target target;
  private final WorkflowListener listener;
  private final Duration pollInterval;
  private final Duration progressEvery;
  /**
   * The width of the status column: CloudFormation's longest status (stack-level cleanup states such as
   * UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS are event statuses too), so the columns stay aligned.
   */
  static final int STATUS_WIDTH = Stream.concat(StackStatus.knownValues().stream().map(StackStatus::toString),
      ResourceStatus.knownValues().stream().map(ResourceStatus::toString)).mapToInt(String::length).max().orElse(28);

  private final List<StackEvent> failures = new ArrayList<>();
  private String firstFailureReason;
  private String lastSeenEventId;

  /** A watcher that says it is still waiting when no event came for {@link AwsClients#progressEvery()}. */
  StackWatcher(AwsClients clients, WorkflowListener listener, Duration pollInterval) {
    this(clients.cloudFormation(), clients.target(), listener, pollInterval, clients.progressEvery());
  }

  private StackWatcher(CloudFormationClient cloudFormation, Target target, WorkflowListener listener,
      Duration pollInterval, Duration progressEvery) {
    this.cloudFormation = cloudFormation;
    this.target = target;
    this.listener = listener;
    this.pollInterval = pollInterval;
    this.progressEvery = progressEvery;
  }

  /** Remembers the stack's newest event, so that only later ones are printed. */
  void skipExistingEvents(String stackId) {
    DescribeStackEventsResponse page;
    try {
      page = cloudFormation.describeStackEvents(b -> b.stackName(stackId));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, target, "reading the events of stack " + stackId);
    }
    lastSeenEventId = page.stackEvents().isEmpty() ? null : page.stackEvents().get(0).eventId();
  }

  /** Polls until the stack's status no longer ends in {@code _IN_PROGRESS}, and returns the stack. */
  Stack waitUntilSettled(String stackId) {
    WaitProgress progress = new WaitProgress(listener, progressEvery);
    while (true) {
      Stack stack;
      try {
        stack = cloudFormation.describeStacks(b -> b.stackName(stackId)).stacks().get(0);
        if (printNewEvents(stackId)) {
          progress.heard();
        }
      } catch (SdkException e) {
        throw SdkErrors.explain(e, target, "waiting for stack " + stackId);
      }
      if (!stack.stackStatusAsString().endsWith("_IN_PROGRESS")) {
        return stack;
      }
      progress.tick(() -> "stack " + stack.stackName() + " (" + stack.stackStatusAsString() + ")");
      sleep();
    }
  }

  /** The resource failures seen while watching, oldest first. */
  List<StackEvent> failures() {
    return failures;
  }

  /**
   * The reason of the first failure seen while watching, of a resource or of the stack itself (an export
   * already taken, say, fails the stack with no failed resource), or null.
   */
  String firstFailureReason() {
    return firstFailureReason;
  }

  /** Prints the events not printed yet, and says whether there were any. */
  private boolean printNewEvents(String stackId) {
    Deque<StackEvent> fresh = new ArrayDeque<>();
    String token = null;
    outer:
    do {
      String next = token;
      DescribeStackEventsResponse page = cloudFormation.describeStackEvents(b -> b.stackName(stackId).nextToken(next));
      for (StackEvent e : page.stackEvents()) {
        if (e.eventId().equals(lastSeenEventId)) {
          break outer;
        }
        fresh.push(e); // newest first on the wire; the stack turns them oldest first
      }
      token = page.nextToken();
    } while (token != null);
    if (!fresh.isEmpty()) {
      lastSeenEventId = fresh.peekLast().eventId();
    }
    for (StackEvent e : fresh) {
      String reason = e.resourceStatusReason();
      String status = e.resourceStatusAsString();
      listener.info(String.format("  %-" + STATUS_WIDTH + "s %-28s %s%s", status, e.resourceType(),
          e.logicalResourceId(), reason == null || reason.isBlank() ? "" : ": " + reason));
      boolean failed = status.endsWith("_FAILED") || status.endsWith("ROLLBACK_IN_PROGRESS");
      if (failed && reason != null && !reason.isBlank() && !reason.startsWith("Resource creation cancelled")) {
        if (!e.resourceType().equals("AWS::CloudFormation::Stack")) {
          failures.add(e);
        }
        if (firstFailureReason == null && !reason.startsWith("The following resource(s) failed")) {
          // CloudFormation's words for its own automatic rollback, not something the user asked for.
          firstFailureReason = reason.replace(" Rollback requested by user.", "").trim();
        }
      }
    }
    return !fresh.isEmpty();
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WorkflowException.failure("Interrupted while waiting for the stack", e);
    }
  }
}
