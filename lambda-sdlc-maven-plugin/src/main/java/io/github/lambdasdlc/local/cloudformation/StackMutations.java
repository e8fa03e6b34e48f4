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

  String createStack(StackRequests.CreateStack request) {
    String name = request.stackName();
    synchronized (stacks) {
      if (stacks.liveByName(name).isPresent()) {
        throw CloudFormationErrors.alreadyExists(name);
      }
      Template template = StackTemplates.parseForStack(engine, request.templateBody(), name, request.capabilities());
      Map<String, String> parameters = StackTemplates.resolveParameters(template, request.parameters(), Map.of());
      StackTemplates.checkCapabilities(template, request.capabilities());
      String stackId = engine.cloud.arn("cloudformation", "stack/" + name + "/" + UUID.randomUUID());
      Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
      TemplateEvaluator evaluator = StackTemplates.evaluator(engine.cloud, template, parameters, name, stackId,
          imports);
      List<String> order = StackTemplates.creationOrder(evaluator);

      StackRecord stack = new StackRecord();
      stack.stackId = stackId;
      stack.stackName = name;
      stack.description = template.description();
      stack.templateBody = request.templateBody();
      stack.parameters = parameters;
      stack.noEchoParameters = StackTemplates.noEcho(template);
      stack.capabilities = request.capabilities();
      stack.notificationArns = request.notificationArns();
      stack.tags = request.tags();
      stack.disableRollback = "DO_NOTHING".equals(request.effectiveOnFailure());
      stack.enableTerminationProtection = request.enableTerminationProtection();
      stack.timeoutInMinutes = request.timeoutInMinutes();
      stack.roleArn = request.roleArn();
      stack.creationTime = engine.now().toString();
      engine.stackEvent(stack, "CREATE_IN_PROGRESS", "User Initiated");
      stacks.add(stack);
      new CreateOperation(engine, stack, template, evaluator, imports, order, request.effectiveOnFailure()).start();
      return stackId;
    }
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
      Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
      TemplateEvaluator evaluator = StackTemplates.evaluator(engine.cloud, template, parameters, stack.stackName,
          stack.stackId, imports);
      List<String> order = StackTemplates.creationOrder(evaluator);

      UpdateOperation.Previous previous = UpdateOperation.Previous.of(stack);
      stack.templateBody = newBody;
      stack.description = template.description();
      stack.parameters = parameters;
      stack.noEchoParameters = StackTemplates.noEcho(template);
      stack.capabilities = request.capabilities();
      stack.tags = new LinkedHashMap<>(tags);
      if (request.notificationArns() != null) {
        stack.notificationArns = request.notificationArns();
      }
      if (request.disableRollback() != null) {
        stack.disableRollback = request.disableRollback();
      }
      stack.lastUpdatedTime = engine.now().toString();
      engine.stackEvent(stack, "UPDATE_IN_PROGRESS", "User Initiated");
      stacks.save(stack);
      new UpdateOperation(engine, stack, previous, template, evaluator, imports, order,
          Boolean.TRUE.equals(request.disableRollback())).start();
      return stack.stackId;
    }
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
      if (stack.inProgress()) {
        throw validation("Stack [" + stack.stackId + "] cannot be deleted while in status " + stack.status);
      }
      String previousStatus = stack.status;
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
