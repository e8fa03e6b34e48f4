package io.github.lambdasdlc.workflow;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;

/**
 * Says which of a stack's resources the local cloud provisioned as stand-ins (its types are not emulated
 * there), in one line: the function's calls to them go nowhere unless the user points it at an emulator.
 */
final class StandInNotice {
  /** How the local cloud starts the status reason of a stand-in's event (its {@code StandInProvider}). */
  static final String REASON_PREFIX = "Stand-in: ";

  private StandInNotice() {
  }

  /** Prints the line when the stack has stand-ins; nothing on AWS, where nothing stands in. */
  static void report(AwsClients clients, String stackId, WorkflowListener listener) {
    if (clients.target().isAws()) {
      return;
    }
    List<StackResourceSummary> standIns;
    try {
      standIns = clients.cloudFormation().listStackResourcesPaginator(b -> b.stackName(stackId))
          .stackResourceSummaries().stream()
          .filter(r -> r.resourceStatusReason() != null && r.resourceStatusReason().startsWith(REASON_PREFIX))
          .toList();
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "listing the resources of stack " + stackId);
    }
    if (standIns.isEmpty()) {
      return;
    }
    StringBuilder line = new StringBuilder("Not emulated here: ");
    for (int i = 0; i < standIns.size(); i++) {
      StackResourceSummary r = standIns.get(i);
      line.append(i == 0 ? "" : ", ").append(r.logicalResourceId()).append(" (").append(r.resourceType()).append(')');
    }
    line.append(" stand in with AWS's identifiers; calls to them from your function need"
        + " lambda-sdlc.local.serviceEndpoints.");
    listener.info(line.toString());
  }
}
