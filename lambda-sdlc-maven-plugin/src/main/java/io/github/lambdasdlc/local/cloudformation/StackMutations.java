package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The operations that start stack changes: CreateStack, UpdateStack, DeleteStack, UpdateTerminationProtection.
 * They take requests decoded and checked at the edge ({@link StackRequests}); what depends on the stacks and
 * the template ({@link StackTemplates}) is checked here, synchronously; the rest runs in the background on the
 * {@link StackEngine}.
 */
final class StackMutations {
  /** The states UpdateStack accepts, as AWS does. */
  static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
      "UPDATE_FAILED", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

  private final StackEngine engine;
  private final StackRepository stacks;

  StackMutations(StackEngine engine) {
    this.engine = engine;
    this.stacks = engine.stacks;
  }

  /**
   * What a create or an update puts on a stack: a checked template, its body and resolved parameters, and the
   * stack's settings ({@code tags} and {@code notificationArns} null when an update leaves them unchanged).
   */
  record Settings(Template template, String templateBody, Map<String, String> parameters, List<String> capabilities,
      Map<String, String> tags, List<String> notificationArns) {
  }

  String createStack(StackRequests.CreateStack request) {
    String name = request.stackName();
    synchronized (stacks) {
      if (stacks.liveByName(name).isPresent()) {
        throw CloudFormationErrors.alreadyExists(name);
      }
      Template template = StackTemplates.parseForStack(engine, request.templateBody(), name, request.capabilities());
      Map<String, String> parameters = StackTemplates.resolveParameters(template, request.parameters(), Map.of());
      StackTemplates.checkCapabilities(template, request.capabilities());
      StackRecord stack = new StackRecord();
      stack.stackId = engine.cloud.arn("cloudformation", "stack/" + name + "/" + UUID.randomUUID());
      stack.stackName = name;
      stack.enableTerminationProtection = request.enableTerminationProtection();
      stack.timeoutInMinutes = request.timeoutInMinutes();
      stack.roleArn = request.roleArn();
      startCreate(stack, new Settings(template, request.templateBody(), parameters, request.capabilities(),
          request.tags(), request.notificationArns()), request.effectiveOnFailure(), true);
      return stack.stackId;
    }
  }

  /**
   * Starts creating a stack: a new record, or one a CREATE change set left in REVIEW_IN_PROGRESS. Call with the
   * repository's monitor held.
   */
  void startCreate(StackRecord stack, Settings settings, String onFailure, boolean newRecord) {
    Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
    TemplateEvaluator evaluator = StackTemplates.evaluator(engine.cloud, settings.template(), settings.parameters(),
        stack.stackName, stack.stackId, imports);
    List<String> order = StackTemplates.creationOrder(evaluator);
    synchronized (stack) {
      stack.description = settings.template().description();
      stack.templateBody = settings.templateBody();
      stack.parameters = settings.parameters();
      stack.noEchoParameters = StackTemplates.noEcho(settings.template());
      stack.capabilities = settings.capabilities();
      stack.notificationArns = settings.notificationArns();
      stack.tags = settings.tags();
      stack.disableRollback = "DO_NOTHING".equals(onFailure);
      if (stack.creationTime == null) {
        stack.creationTime = engine.now().toString();
      }
      engine.stackEvent(stack, "CREATE_IN_PROGRESS", "User Initiated");
    }
    if (newRecord) {
      stacks.add(stack);
    } else {
      stacks.save(stack);
    }
    new CreateOperation(engine, stack, settings.template(), evaluator, imports, order, onFailure).start();
  }

  String updateStack(StackRequests.UpdateStack request) {
    String name = request.stackName();
    StackRecord stack = stacks.find(name).filter(s -> !s.deleted())
        .orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
    synchronized (stack) {
      if (!UPDATABLE.contains(stack.status)) {
        throw CloudFormationErrors.cannotBeUpdated(stack.stackId, stack.status);
      }
      String newBody = request.usePreviousTemplate() ? stack.templateBody : request.templateBody();
      Template template = StackTemplates.parseForStack(engine, newBody, stack.stackName, request.capabilities());
      Map<String, String> parameters = StackTemplates.resolveParameters(template, request.parameters(),
          stack.parameters);
      StackTemplates.checkCapabilities(template, request.capabilities());
      Map<String, String> tags = request.tags() == null ? stack.tags : request.tags();
      if (newBody.equals(stack.templateBody) && parameters.equals(stack.parameters) && tags.equals(stack.tags)) {
        throw validation("No updates are to be performed.");
      }
      startUpdate(stack, new Settings(template, newBody, parameters, request.capabilities(), tags,
          request.notificationArns()), request.disableRollback());
      ChangeSets.obsolete(stack);
      stacks.save(stack);
      return stack.stackId;
    }
  }

  /** Starts updating a stack whose state allows it; call with the stack's monitor held. */
  void startUpdate(StackRecord stack, Settings settings, Boolean disableRollback) {
    Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
    TemplateEvaluator evaluator = StackTemplates.evaluator(engine.cloud, settings.template(), settings.parameters(),
        stack.stackName, stack.stackId, imports);
    List<String> order = StackTemplates.creationOrder(evaluator);

    UpdateOperation.Previous previous = UpdateOperation.Previous.of(stack);
    stack.templateBody = settings.templateBody();
    stack.description = settings.template().description();
    stack.parameters = settings.parameters();
    stack.noEchoParameters = StackTemplates.noEcho(settings.template());
    stack.capabilities = settings.capabilities();
    if (settings.tags() != null) {
      stack.tags = new LinkedHashMap<>(settings.tags());
    }
    if (settings.notificationArns() != null) {
      stack.notificationArns = settings.notificationArns();
    }
    if (disableRollback != null) {
      stack.disableRollback = disableRollback;
    }
    stack.lastUpdatedTime = engine.now().toString();
    engine.stackEvent(stack, "UPDATE_IN_PROGRESS", "User Initiated");
    stacks.save(stack);
    new UpdateOperation(engine, stack, previous, settings.template(), evaluator, imports, order,
        Boolean.TRUE.equals(disableRollback)).start();
  }

  void deleteStack(StackRequests.DeleteStack request) {
    StackRecord stack = stacks.find(request.stackName()).orElse(null);
    if (stack == null) {
      return; // deleting a stack that does not exist succeeds, as on AWS
    }
    synchronized (stack) {
      if (stack.deleted() || "DELETE_IN_PROGRESS".equals(stack.status)) {
        return;
      }
      if (stack.enableTerminationProtection) {
        throw validation("Stack [" + stack.stackName + "] cannot be deleted while TerminationProtection is enabled");
      }
      if (stack.inProgress() && !"REVIEW_IN_PROGRESS".equals(stack.status)) {
        throw validation("Stack [" + stack.stackId + "] cannot be deleted while in status " + stack.status);
      }
      String previousStatus = stack.status;
      stack.changeSets.clear();
      engine.stackEvent(stack, "DELETE_IN_PROGRESS", "User Initiated");
      stacks.save(stack);
      new DeleteOperation(engine, stack, previousStatus, request.retainResources()).start();
    }
  }

  String updateTerminationProtection(StackRequests.UpdateTerminationProtection request) {
    String name = request.stackName();
    StackRecord stack = stacks.find(name).filter(s -> !s.deleted())
        .orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
    synchronized (stack) {
      stack.enableTerminationProtection = request.enable();
    }
    stacks.save(stack);
    return stack.stackId;
  }
}
