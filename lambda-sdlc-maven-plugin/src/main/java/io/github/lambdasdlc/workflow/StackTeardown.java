package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * The {@code destroy} step: deletes the stack (and so every resource it holds) and waits until
 * it is gone, printing its events. On AWS it deletes only a stack named by the confirmation; a stack with
 * termination protection is left alone and the way to lift it is given; a stack that does not exist is
 * nothing to do.
 */
public final class StackTeardown {

  /**
   * What to delete.
   *
   * @param confirm the name the user typed to confirm the deletion; needed on AWS only
   */
  public record Request(String stackName, String confirm) {
  }

  /** Whether a stack was deleted. */
  public enum Outcome { DELETED, NOTHING_TO_DELETE }

  /** The outcome and the deleted stack's id (null when there was nothing to delete). */
  public record Result(Outcome outcome, String stackId) {
  }

  /** How many resources the confirmation request names; a longer list ends with "and N more". */
  private static final int MAX_LISTED = 10;

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final Duration pollInterval;

  public StackTeardown(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
    this.pollInterval = clients.target().isAws() ? Duration.ofSeconds(2) : Duration.ofMillis(100);
  }

  public Result destroy(Request request) {
    String name = request.stackName();
    if (clients.target().isAws() && !name.equals(request.confirm() == null ? null : request.confirm().trim())) {
      // Checked before any change: a stray command must not even start a deletion. Reading what the stack
      // holds tells the user what they are about to confirm.
      throw WorkflowException.userError((request.confirm() == null || request.confirm().isBlank()
          ? "destroy deletes stack " + name + " on " + clients.target().describe()
          : "lambda-sdlc.confirm is '" + request.confirm() + "', not the stack's name")
          + ": deleting the stack deletes " + holdings(name) + ". To go ahead, confirm with the stack's name:"
          + " -Dlambda-sdlc.confirm=" + name);
    }
    Optional<Stack> found = StackLookup.describe(clients, name);
    if (found.isEmpty() || found.get().stackStatusAsString().equals("DELETE_COMPLETE")) {
      listener.info("Stack " + name + " does not exist on " + clients.target().describe() + ": nothing to destroy.");
      return new Result(Outcome.NOTHING_TO_DELETE, null);
    }
    Stack stack = found.get();
    if (Boolean.TRUE.equals(stack.enableTerminationProtection())) {
      throw terminationProtected(name);
    }
    StackWatcher watcher = new StackWatcher(clients, listener, pollInterval);
    try {
      watcher.skipExistingEvents(stack.stackId());
      String status = stack.stackStatusAsString();
      if (status.endsWith("_IN_PROGRESS") && !status.equals("DELETE_IN_PROGRESS")) {
        listener.info("Stack " + name + " is " + status + "; waiting for that operation to finish first.");
        stack = watcher.waitUntilSettled(stack.stackId());
      }
      if (!stack.stackStatusAsString().equals("DELETE_IN_PROGRESS")) {
        listener.info("Deleting stack " + name + " (" + stack.stackStatusAsString() + ") on "
            + clients.target().describe());
        String id = stack.stackId();
        clients.cloudFormation().deleteStack(b -> b.stackName(id));
      } else {
        listener.info("Stack " + name + " is already being deleted; waiting for it.");
      }
      Stack after = watcher.waitUntilSettled(stack.stackId());
      if (!after.stackStatusAsString().equals("DELETE_COMPLETE")) {
        StringBuilder m = new StringBuilder("Stack " + name + " could not be deleted (" + after.stackStatusAsString()
            + ")" + Optional.ofNullable(after.stackStatusReason()).map(r -> ": " + r).orElse("."));
        watcher.failures().stream().limit(5).forEach(f -> m.append("\n  ").append(f.logicalResourceId()).append(" (")
            .append(f.resourceType()).append("): ").append(f.resourceStatusReason()));
        m.append("\nRemove what blocks those resources, then run destroy again.");
        throw WorkflowException.userError(m.toString());
      }
      listener.info("Deleted stack " + name + " from " + clients.target().describe() + ".");
      return new Result(Outcome.DELETED, stack.stackId());
    } catch (AwsServiceException e) {
      String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
      if (message.contains("TerminationProtection")) {
        throw terminationProtected(name); // enabled between our look and the call
      }
      throw SdkErrors.explain(e, clients.target(), "deleting stack " + name);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "deleting stack " + name);
    }
  }

  /**
   * What deleting the stack deletes, as its resources say: {@code its 3 resources: Function
   * (AWS::Lambda::Function quote-pricer), ...}; a log group goes with its logs. When the stack cannot be read,
   * the general truth.
   */
  String holdings(String stackName) {
    List<StackResourceSummary> resources = new ArrayList<>();
    try {
      clients.cloudFormation().listStackResourcesPaginator(b -> b.stackName(stackName)).stackResourceSummaries()
          .forEach(r -> {
            if (!r.resourceStatusAsString().equals("DELETE_COMPLETE")) {
              resources.add(r);
            }
          });
    } catch (SdkException e) {
      return "every resource it holds";
    }
    if (resources.isEmpty()) {
      return "the stack alone (it holds no resources)";
    }
    StringBuilder s = new StringBuilder(resources.size() == 1 ? "its resource: " : "its " + resources.size()
        + " resources: ");
    int shown = Math.min(resources.size(), MAX_LISTED);
    for (int i = 0; i < shown; i++) {
      StackResourceSummary r = resources.get(i);
      s.append(i == 0 ? "" : ", ").append(r.logicalResourceId()).append(" (").append(r.resourceType())
          .append(r.physicalResourceId() == null ? "" : " " + r.physicalResourceId())
          .append(r.resourceType().equals("AWS::Logs::LogGroup") ? ", with its logs" : "").append(')');
    }
    if (resources.size() > shown) {
      s.append(" and ").append(resources.size() - shown).append(" more");
    }
    return s.toString();
  }

  private WorkflowException terminationProtected(String name) {
    Target t = clients.target();
    String endpoint = (t.isAws() ? "" : " --endpoint-url " + t.endpoint()) + (t.region() == null ? "" : " --region " + t.region())
        + (t.profile() == null ? "" : " --profile " + t.profile());
    return WorkflowException.userError("Stack " + name + " has termination protection enabled, so it was not deleted."
        + " If it really should go, lift the protection first: aws cloudformation update-termination-protection"
        + " --no-enable-termination-protection --stack-name " + name + endpoint + " (then run destroy again).");
  }


}
