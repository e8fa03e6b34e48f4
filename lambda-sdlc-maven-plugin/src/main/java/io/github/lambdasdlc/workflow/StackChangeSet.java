package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.Tag;

/**
 * The change set init makes before it updates a stack: created and waited for, described as lines a person reads
 * (Add / Modify / Remove, whether the resource is replaced), checked for data loss, then executed or deleted.
 * CloudFormation computes the changes (on AWS and on the local cloud alike); nothing here guesses them.
 */
final class StackChangeSet {
  /** Resource types whose replacement or removal loses data: their contents do not come back with a new one. */
  static final Set<String> STATEFUL = Set.of("AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::S3::Bucket",
      "AWS::Logs::LogGroup", "AWS::KMS::Key", "AWS::SecretsManager::Secret", "AWS::SQS::Queue",
      "AWS::RDS::DBInstance", "AWS::RDS::DBCluster", "AWS::EFS::FileSystem");
  private static final String NO_CHANGES = "didn't contain changes";
  private static final String NO_UPDATES = "No updates are to be performed";

  private final AwsClients clients;
  private final Duration pollInterval;

  StackChangeSet(AwsClients clients, Duration pollInterval) {
    this.clients = clients;
    this.pollInterval = pollInterval;
  }

  /**
   * Creates an UPDATE change set and waits until CloudFormation has computed it.
   *
   * @return the described change set, or empty when it has nothing to change (the empty change set is deleted)
   * @throws WorkflowException when CloudFormation could not compute it, with its reason
   */
  Optional<DescribeChangeSetResponse> create(String stackId, String templateBody, List<Parameter> parameters,
      List<Capability> capabilities, List<Tag> tags) {
    String name = "lambda-sdlc-" + System.currentTimeMillis();
    String id = clients.cloudFormation().createChangeSet(b -> b.stackName(stackId).changeSetName(name)
        .changeSetType(ChangeSetType.UPDATE).templateBody(templateBody).parameters(parameters)
        .capabilities(capabilities).tags(tags).description("Created by lambda-sdlc init")).id();
    DescribeChangeSetResponse described = describe(id);
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    while (described.statusAsString().endsWith("_PENDING") || described.statusAsString().endsWith("_IN_PROGRESS")) {
      if (System.nanoTime() > deadline) {
        throw WorkflowException.failure("Change set " + name + " of stack " + stackId + " is still "
            + described.statusAsString() + " after 10 minutes.", null);
      }
      sleep();
      described = describe(id);
    }
    if (described.statusAsString().equals("FAILED")) {
      String reason = String.valueOf(described.statusReason());
      delete(id);
      if (reason.contains(NO_CHANGES) || reason.contains(NO_UPDATES)) {
        return Optional.empty();
      }
      throw WorkflowException.userError("CloudFormation could not compute the changes to stack " + stackId + ": "
          + reason);
    }
    return Optional.of(described);
  }

  /** Every change of the change set (DescribeChangeSet pages through long ones). */
  private DescribeChangeSetResponse describe(String id) {
    DescribeChangeSetResponse first = clients.cloudFormation().describeChangeSet(b -> b.changeSetName(id));
    List<software.amazon.awssdk.services.cloudformation.model.Change> all = new ArrayList<>(first.changes());
    String token = first.nextToken();
    while (token != null) {
      String next = token;
      DescribeChangeSetResponse page = clients.cloudFormation().describeChangeSet(b -> b.changeSetName(id)
          .nextToken(next));
      all.addAll(page.changes());
      token = page.nextToken();
    }
    return first.toBuilder().changes(all).nextToken(null).build();
  }

  void execute(String id) {
    clients.cloudFormation().executeChangeSet(b -> b.changeSetName(id));
  }

  /** Deletes a change set that will not be executed; one that is already gone is fine. */
  void delete(String id) {
    try {
      clients.cloudFormation().deleteChangeSet(b -> b.changeSetName(id));
    } catch (SdkException e) {
      // Left behind, it does no harm: the next update makes it obsolete.
    }
  }

  /** One line per change: {@code Modify Fn (AWS::Lambda::Function), replacement False: MemorySize, Role}. */
  static List<String> lines(List<ResourceChange> changes) {
    List<String> lines = new ArrayList<>();
    for (ResourceChange c : changes) {
      StringBuilder line = new StringBuilder(c.actionAsString()).append(' ').append(c.logicalResourceId())
          .append(" (").append(c.resourceType()).append(')');
      if ("Modify".equals(c.actionAsString())) {
        line.append(", replacement ").append(c.replacementAsString());
        List<String> properties = c.details().stream().map(ResourceChangeDetail::target)
            .filter(t -> t != null && t.name() != null).map(t -> t.name()).distinct().toList();
        if (!properties.isEmpty()) {
          line.append(": ").append(String.join(", ", properties));
        }
      } else if ("Remove".equals(c.actionAsString()) && c.policyAction() != null) {
        line.append(", ").append(c.policyActionAsString());
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * The changes that would lose data: a stateful resource removed (and not retained) or replaced (maybe). A log
   * group counts when it keeps its events for a set time ({@code RetentionInDays} in the template that declares
   * it).
   *
   * @param newResources the {@code Resources} of the template being applied
   * @param oldResources the {@code Resources} of the stack's current template
   */
  static List<ResourceChange> dataLoss(List<ResourceChange> changes, JsonNode newResources, JsonNode oldResources) {
    List<ResourceChange> lossy = new ArrayList<>();
    for (ResourceChange c : changes) {
      if (!STATEFUL.contains(c.resourceType())) {
        continue;
      }
      boolean removed = "Remove".equals(c.actionAsString()) && !"Retain".equals(c.policyActionAsString());
      boolean replaced = "Modify".equals(c.actionAsString()) && !"False".equals(c.replacementAsString())
          && !"ReplaceAndRetain".equals(c.policyActionAsString());
      if (!removed && !replaced) {
        continue;
      }
      if (c.resourceType().equals("AWS::Logs::LogGroup")) {
        JsonNode declared = (removed ? oldResources : newResources).path(c.logicalResourceId()).path("Properties");
        if (!declared.has("RetentionInDays")) {
          continue;
        }
      }
      lossy.add(c);
    }
    return lossy;
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw WorkflowException.failure("Interrupted while waiting for a change set.", e);
    }
  }
}
