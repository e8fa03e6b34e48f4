package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.ChangeSetRequests.ChangeSetRef;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CreateChangeSet, DescribeChangeSet, ExecuteChangeSet, DeleteChangeSet and ListChangeSets. As on AWS, a change set
 * is checked synchronously (template, parameters, capabilities), then computed in the background
 * (CREATE_PENDING, CREATE_IN_PROGRESS, then CREATE_COMPLETE and AVAILABLE, or FAILED); a CREATE change set for a
 * new stack makes the stack in REVIEW_IN_PROGRESS, with no template or resources until it is executed. Executing
 * one starts the stack's create or update and deletes the stack's other change sets; an update by UpdateStack
 * makes them OBSOLETE.
 */
final class ChangeSets {
  static final String NO_CHANGES = "The submitted information didn't contain changes. Submit different information"
      + " to create a change set.";
  static final int SUMMARIES_PAGE = 100;
  private static final Set<String> FINAL_SUCCESS = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE");

  private final StackEngine engine;
  private final StackRepository stacks;
  private final StackMutations mutations;

  ChangeSets(StackEngine engine, StackMutations mutations) {
    this.engine = engine;
    this.stacks = engine.stacks;
    this.mutations = mutations;
  }

  /** A change set and its stack. */
  private record Found(StackRecord stack, ChangeSetRecord changeSet) {
  }

  /** CreateChangeSet's {@code Id} and {@code StackId}. */
  record Created(String id, String stackId) {
  }

  Created create(ChangeSetRequests.CreateChangeSet request) {
    synchronized (stacks) {
      StackRecord existing = stacks.find(request.stackName()).filter(s -> !s.deleted()).orElse(null);
      boolean create = request.type().equals("CREATE");
      StackRecord stack;
      ChangeSetRecord cs = new ChangeSetRecord();
      if (create) {
        if (existing != null && !"REVIEW_IN_PROGRESS".equals(existing.status)) {
          throw validation("Stack [" + request.stackName() + "] already exists and cannot be created again with the"
              + " changeSet [" + request.changeSetName() + "].");
        }
        stack = existing != null ? existing : reviewStack(request.stackName());
        settings(cs, request, request.templateBody(), Map.of(), Map.of(), List.of());
      } else {
        stack = existing;
        if (stack == null || "REVIEW_IN_PROGRESS".equals(stack.status)) {
          throw CloudFormationErrors.stackDoesNotExist(request.stackName());
        }
        synchronized (stack) {
          if (!StackMutations.UPDATABLE.contains(stack.status)) {
            throw CloudFormationErrors.cannotBeUpdated(stack.stackId, stack.status);
          }
          settings(cs, request, request.usePreviousTemplate() ? stack.templateBody : request.templateBody(),
              stack.parameters, stack.tags, stack.notificationArns);
        }
      }
      synchronized (stack) {
        for (ChangeSetRecord other : stack.changeSets) {
          if (other.changeSetName.equals(request.changeSetName())) {
            throw new AwsError(400, "AlreadyExistsException", "ChangeSet [" + request.changeSetName()
                + "] already exists");
          }
        }
        cs.changeSetId = engine.cloud.arn("cloudformation", "changeSet/" + request.changeSetName() + "/"
            + UUID.randomUUID());
        cs.changeSetName = request.changeSetName();
        cs.type = request.type();
        cs.description = request.description();
        cs.roleArn = request.roleArn();
        cs.onStackFailure = request.onStackFailure();
        cs.status = "CREATE_PENDING";
        cs.executionStatus = "UNAVAILABLE";
        cs.creationTime = engine.now().toString();
        stack.changeSets.add(cs);
      }
      if (existing == null) {
        stacks.add(stack);
      } else {
        stacks.save(stack);
      }
      engine.schedule(() -> compute(stack, cs), engine.stepDelay());
      return new Created(cs.changeSetId, stack.stackId);
    }
  }

  /** A stack made by a CREATE change set: REVIEW_IN_PROGRESS, no template, no resources. */
  private StackRecord reviewStack(String name) {
    StackRecord stack = new StackRecord();
    stack.stackId = engine.cloud.arn("cloudformation", "stack/" + name + "/" + UUID.randomUUID());
    stack.stackName = name;
    stack.creationTime = engine.now().toString();
    engine.stackEvent(stack, "REVIEW_IN_PROGRESS", "User Initiated");
    return stack;
  }

  /** The checks CreateStack or UpdateStack would make now, and what the change set would apply. */
  private static void settings(ChangeSetRecord cs, ChangeSetRequests.CreateChangeSet request, String body,
      Map<String, String> previousParameters, Map<String, String> previousTags, List<String> previousNotifications) {
    Template template = StackTemplates.parse(body);
    if (request.type().equals("CREATE") && !request.parameters().usePrevious().isEmpty()) {
      throw validation("Invalid input for parameter key " + request.parameters().usePrevious().iterator().next()
          + ". Cannot specify usePreviousValue as true for a parameter when creating a stack");
    }
    cs.parameters = StackTemplates.resolveParameters(template, request.parameters(), previousParameters);
    StackTemplates.checkCapabilities(template, request.capabilities());
    cs.templateBody = body;
    cs.noEchoParameters = StackTemplates.noEcho(template);
    cs.capabilities = request.capabilities();
    cs.tags = new LinkedHashMap<>(request.tags() == null ? previousTags : request.tags());
    cs.notificationArns = new ArrayList<>(request.notificationArns() == null ? previousNotifications
        : request.notificationArns());
  }

  /** The background part: CREATE_IN_PROGRESS, then the changes, or FAILED with why. */
  private void compute(StackRecord stack, ChangeSetRecord cs) {
    synchronized (stack) {
      if (!"CREATE_PENDING".equals(cs.status)) {
        return;
      }
      cs.status = "CREATE_IN_PROGRESS";
    }
    stacks.save(stack);
    engine.schedule(() -> {
      synchronized (stack) {
        if (!"CREATE_IN_PROGRESS".equals(cs.status)) {
          return;
        }
        boolean create = cs.type.equals("CREATE");
        if (!create && cs.templateBody.equals(stack.templateBody) && cs.parameters.equals(stack.parameters)
            && cs.tags.equals(stack.tags)) {
          finish(cs, "FAILED", NO_CHANGES, "UNAVAILABLE");
        } else {
          try {
            Template template = Template.parse(cs.templateBody);
            TemplateEvaluator evaluator = template.evaluator(cs.parameters, io.github.lambdasdlc.local.cloudformation
                .template.PseudoParameters.of(engine.cloud.region(), engine.cloud.accountId(), stack.stackName,
                    stack.stackId), new Exports.RecordingResolver(engine.exports));
            cs.changes = ChangeSetDiff.changes(engine, stack, create, template, evaluator, cs.parameters);
            finish(cs, "CREATE_COMPLETE", null, "AVAILABLE");
          } catch (TemplateException e) {
            finish(cs, "FAILED", e.getMessage(), "UNAVAILABLE");
          }
        }
      }
      stacks.save(stack);
    }, engine.stepDelay());
  }

  private static void finish(ChangeSetRecord cs, String status, String reason, String executionStatus) {
    cs.status = status;
    cs.statusReason = reason;
    cs.executionStatus = executionStatus;
  }

  void execute(ChangeSetRef ref) {
    Found found = find(ref);
    StackRecord stack = found.stack();
    ChangeSetRecord cs = found.changeSet();
    synchronized (stacks) {
      synchronized (stack) {
        if (!"CREATE_COMPLETE".equals(cs.status)) {
          throw invalidStatus("ChangeSet [" + cs.changeSetId + "] cannot be executed in its current status of ["
              + cs.status + "]");
        }
        if (!"AVAILABLE".equals(cs.executionStatus)) {
          throw invalidStatus("ChangeSet [" + cs.changeSetId + "] cannot be executed in its current execution"
              + " status of [" + cs.executionStatus + "]");
        }
        if (cs.onStackFailure != null && ref.disableRollback() != null) {
          throw validation("You can specify either DisableRollback or OnStackFailure, but not both.");
        }
        Template template = StackTemplates.parse(cs.templateBody);
        StackMutations.Settings settings = new StackMutations.Settings(template, cs.templateBody,
            new LinkedHashMap<>(cs.parameters), List.copyOf(cs.capabilities), new LinkedHashMap<>(cs.tags),
            new ArrayList<>(cs.notificationArns));
        if (cs.type.equals("CREATE")) {
          if (!"REVIEW_IN_PROGRESS".equals(stack.status)) {
            throw CloudFormationErrors.cannotBeUpdated(stack.stackId, stack.status);
          }
          stack.roleArn = cs.roleArn;
          String onFailure = cs.onStackFailure != null ? cs.onStackFailure
              : Boolean.TRUE.equals(ref.disableRollback()) ? "DO_NOTHING" : "ROLLBACK";
          executing(stack, cs);
          mutations.startCreate(stack, settings, onFailure, false);
        } else {
          if (!StackMutations.UPDATABLE.contains(stack.status)) {
            throw CloudFormationErrors.cannotBeUpdated(stack.stackId, stack.status);
          }
          executing(stack, cs);
          mutations.startUpdate(stack, settings, ref.disableRollback());
        }
      }
    }
  }

  /** The change set runs; the stack's other change sets are deleted, as on AWS. */
  private static void executing(StackRecord stack, ChangeSetRecord cs) {
    cs.executionStatus = "EXECUTE_IN_PROGRESS";
    stack.changeSets.removeIf(other -> other != cs);
  }

  /** When the stack's operation ends: how the executed change set ended. Called with the stack's monitor held. */
  static void settle(StackRecord stack) {
    if (stack.inProgress()) {
      return;
    }
    for (ChangeSetRecord cs : stack.changeSets) {
      if ("EXECUTE_IN_PROGRESS".equals(cs.executionStatus)) {
        cs.executionStatus = FINAL_SUCCESS.contains(stack.status) ? "EXECUTE_COMPLETE" : "EXECUTE_FAILED";
      }
    }
  }

  /** An update that did not come from a change set makes the stack's available change sets obsolete. */
  static void obsolete(StackRecord stack) {
    for (ChangeSetRecord cs : stack.changeSets) {
      if ("AVAILABLE".equals(cs.executionStatus)) {
        cs.executionStatus = "OBSOLETE";
      }
    }
  }

  /** Change sets a stopped process left being computed cannot finish. Called with the stack's monitor held. */
  static void recover(StackRecord stack, String reason) {
    for (ChangeSetRecord cs : stack.changeSets) {
      if ("CREATE_PENDING".equals(cs.status) || "CREATE_IN_PROGRESS".equals(cs.status)) {
        finish(cs, "FAILED", reason, "UNAVAILABLE");
      }
    }
  }

  void delete(ChangeSetRef ref) {
    Found found = find(ref);
    synchronized (found.stack()) {
      ChangeSetRecord cs = found.changeSet();
      if ("EXECUTE_IN_PROGRESS".equals(cs.executionStatus)) {
        throw invalidStatus("ChangeSet [" + cs.changeSetId + "] cannot be deleted in its current execution status"
            + " of [EXECUTE_IN_PROGRESS]");
      }
      found.stack().changeSets.remove(cs);
    }
    stacks.save(found.stack());
  }

  void describe(ChangeSetRef ref, XmlWriter w) {
    Found found = find(ref);
    StackRecord s = found.stack();
    synchronized (s) {
      ChangeSetXml.changeSet(w, s, found.changeSet());
    }
  }

  void list(ChangeSetRequests.ListChangeSets request, XmlWriter w) {
    StackRecord s = stacks.find(request.stackName())
        .orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(request.stackName()));
    synchronized (s) {
      Page<ChangeSetRecord> page = Page.of(new ArrayList<>(s.changeSets), request.nextToken(), SUMMARIES_PAGE);
      w.list("Summaries", page.items(), (m, cs) -> ChangeSetXml.summary(m, s, cs));
      w.text("NextToken", page.nextToken());
    }
  }

  private Found find(ChangeSetRef ref) {
    String name = ref.changeSetName();
    if (name.startsWith("arn:")) {
      for (StackRecord s : stacks.all()) {
        synchronized (s) {
          for (ChangeSetRecord cs : s.changeSets) {
            if (cs.changeSetId.equals(name)) {
              return new Found(s, cs);
            }
          }
        }
      }
      throw notFound(name);
    }
    StackRecord s = stacks.find(ref.stackName()).orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(
        ref.stackName()));
    synchronized (s) {
      for (ChangeSetRecord cs : s.changeSets) {
        if (cs.changeSetName.equals(name)) {
          return new Found(s, cs);
        }
      }
    }
    throw notFound(name);
  }

  /** {@code ChangeSetNotFound}, 404 (ChangeSetNotFoundException). */
  private static AwsError notFound(String nameOrId) {
    return new AwsError(404, "ChangeSetNotFound", "ChangeSet [" + nameOrId + "] does not exist");
  }

  /** {@code InvalidChangeSetStatus}, 400 (InvalidChangeSetStatusException). */
  private static AwsError invalidStatus(String message) {
    return new AwsError(400, "InvalidChangeSetStatus", message);
  }
}
