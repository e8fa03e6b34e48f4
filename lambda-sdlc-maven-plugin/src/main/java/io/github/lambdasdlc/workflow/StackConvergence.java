package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.Tag;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/**
 * The {@code init} step: makes the stack match the template. It creates the stack when it is missing,
 * updates it when the template, parameters or tags changed, and otherwise says it is up to date; it then
 * resolves the stack's Lambda function for the later steps. An update goes through a change set whose changes
 * are printed first: with {@code preview} nothing is applied, and a change that would replace or remove a
 * resource holding data ({@link StackChangeSet#STATEFUL}) stops init unless {@code allowDataLoss}.
 */
public final class StackConvergence {

  /**
   * What the stack should be. {@code functionLogicalId} may be null when the stack has one function;
   * {@code capabilities} are acknowledged beyond those init finds itself ({@code lambda-sdlc.capabilities}).
   */
  public record Request(String stackName, StackTemplate template, Map<String, String> parameters,
      Map<String, String> tags, boolean recreateFailed, String functionLogicalId, List<String> capabilities,
      boolean preview, boolean allowDataLoss) {

    public Request {
      capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** A request that applies its changes, and stops before losing data. */
    public Request(String stackName, StackTemplate template, Map<String, String> parameters, Map<String, String> tags,
        boolean recreateFailed, String functionLogicalId, List<String> capabilities) {
      this(stackName, template, parameters, tags, recreateFailed, functionLogicalId, capabilities, false, false);
    }

    /** A request with no capabilities beyond those init finds itself. */
    public Request(String stackName, StackTemplate template, Map<String, String> parameters, Map<String, String> tags,
        boolean recreateFailed, String functionLogicalId) {
      this(stackName, template, parameters, tags, recreateFailed, functionLogicalId, List.of());
    }
  }

  /** How the stack was brought to the template; PREVIEWED: its changes were shown and not applied. */
  public enum Outcome { CREATED, RECREATED, UPDATED, UP_TO_DATE, PREVIEWED }

  /** The stack after init, and its function (null names when a previewed stack does not exist yet). */
  public record Result(Outcome outcome, String stackId, String stackStatus, String functionLogicalId,
      String functionName, String functionArn) {
  }

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final Duration pollInterval;
  /** Whether the last update found nothing to change (rather than previewed changes). */
  private boolean upToDate;

  public StackConvergence(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
    this.pollInterval = clients.target().isAws() ? Duration.ofSeconds(2) : Duration.ofMillis(100);
  }

  public Result converge(Request request) {
    List<Capability> requested = StackCapabilities.parse(request.capabilities());
    ValidateTemplateResponse validation = validate(request);
    List<Parameter> parameters = parameters(request, validation);
    List<Capability> capabilities = StackCapabilities.toSend(validation, request.template(), requested, listener);
    List<Tag> tags = request.tags().entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();

    Optional<Stack> existing = StackLookup.describe(clients, request.stackName());
    if (existing.isPresent() && existing.get().stackStatusAsString().equals("REVIEW_IN_PROGRESS")) {
      throw WorkflowException.userError("Stack " + request.stackName() + " is in REVIEW_IN_PROGRESS: a CREATE change"
          + " set made it and was never executed, so it has no resources. Execute that change set, or delete the"
          + " stack (mvn lambda-sdlc:destroy) and run init again.");
    }
    if (existing.isPresent() && existing.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
      listener.info("Stack " + request.stackName() + " is " + existing.get().stackStatusAsString()
          + "; waiting for that operation to finish first.");
      StackWatcher watcher = new StackWatcher(clients, listener, pollInterval);
      watcher.skipExistingEvents(existing.get().stackId());
      existing = Optional.of(watcher.waitUntilSettled(existing.get().stackId()));
    }
    Outcome outcome;
    Stack stack;
    if (existing.isEmpty() || existing.get().stackStatusAsString().equals("DELETE_COMPLETE")) {
      if (request.preview()) {
        previewCreation(request);
        return new Result(Outcome.PREVIEWED, null, null, null, null, null);
      }
      stack = create(request, parameters, capabilities, tags);
      outcome = Outcome.CREATED;
    } else if (isUnusable(existing.get())) {
      Stack failed = existing.get();
      if (!request.recreateFailed() || request.preview()) {
        throw WorkflowException.userError("Stack " + request.stackName() + " is in " + failed.stackStatusAsString()
            + (failed.stackStatusReason() == null ? "" : " (" + failed.stackStatusReason() + ")")
            + ": a stack whose creation failed can only be deleted. Fix the template, then run again with"
            + " -Dlambda-sdlc.recreateFailed=true to delete and recreate it, or delete it with mvn lambda-sdlc:destroy"
            + (clients.target().isAws() ? " -Dlambda-sdlc.confirm=" + request.stackName() : "") + ".");
      }
      listener.info("Stack " + request.stackName() + " is in " + failed.stackStatusAsString()
          + "; deleting it to create it again (lambda-sdlc.recreateFailed).");
      delete(failed);
      stack = create(request, parameters, capabilities, tags);
      outcome = Outcome.RECREATED;
    } else {
      Map<String, String> runtimesBefore = liveRuntimes(existing.get().stackId());
      List<String> declared = validation.parameters().stream().map(p -> p.parameterKey()).toList();
      // Parameters the new template no longer declares cannot be passed, not even with UsePreviousValue.
      Optional<Stack> updated = update(request, existing.get(), parameters, declared, capabilities, tags);
      if (updated.isEmpty()) {
        stack = existing.get();
        outcome = request.preview() && !upToDate ? Outcome.PREVIEWED : Outcome.UP_TO_DATE;
      } else {
        stack = updated.get();
        outcome = Outcome.UPDATED;
        warnAboutResetFunctions(runtimesBefore, liveRuntimes(stack.stackId()));
      }
    }
    if (outcome != Outcome.UP_TO_DATE) {
      StandInNotice.report(clients, stack.stackId(), listener);
    }
    return withFunction(request, stack, outcome);
  }

  private ValidateTemplateResponse validate(Request request) {
    try {
      return clients.cloudFormation().validateTemplate(b -> b.templateBody(request.template().body()));
    } catch (AwsServiceException e) {
      if ("ValidationError".equals(errorCode(e))) {
        throw WorkflowException.userError("T" + request.template().described().substring(1) + " is not valid: "
            + e.awsErrorDetails().errorMessage(), e);
      }
      throw SdkErrors.explain(e, clients.target(), "validating " + request.template().described());
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "validating " + request.template().described());
    }
  }

  /**
   * Every declared parameter: the value given, else (on update) the previous value when the template has
   * no default, else left to the template's default.
   */
  private List<Parameter> parameters(Request request, ValidateTemplateResponse validation) {
    Map<String, String> declared = new LinkedHashMap<>();
    validation.parameters().forEach(p -> declared.put(p.parameterKey(), p.defaultValue()));
    List<String> unknown = request.parameters().keySet().stream().filter(k -> !declared.containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      throw WorkflowException.userError("The stack parameters " + unknown + " (lambda-sdlc parameters) are not"
          + " declared in " + request.template().described() + ". It declares: "
          + (declared.isEmpty() ? "no parameters" : String.join(", ", declared.keySet())) + ".");
    }
    List<Parameter> out = new ArrayList<>();
    request.parameters().forEach((k, v) -> out.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
    return out;
  }


  private static boolean isUnusable(Stack stack) {
    String s = stack.stackStatusAsString();
    return s.equals("ROLLBACK_COMPLETE") || s.equals("ROLLBACK_FAILED") || s.equals("CREATE_FAILED")
        || s.equals("DELETE_FAILED");
  }

  private Stack create(Request request, List<Parameter> parameters, List<Capability> capabilities, List<Tag> tags) {
    listener.info("Creating stack " + request.stackName() + " from " + request.template().source() + " on "
        + clients.target().describe());
    String stackId;
    try {
      stackId = clients.cloudFormation().createStack(b -> b.stackName(request.stackName())
          .templateBody(request.template().body()).parameters(parameters).capabilities(capabilities).tags(tags))
          .stackId();
    } catch (AwsServiceException e) {
      throw rejected(e, "creating stack " + request.stackName(), request);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "creating stack " + request.stackName());
    }
    StackWatcher watcher = new StackWatcher(clients, listener, pollInterval);
    Stack stack = watcher.waitUntilSettled(stackId);
    if (!stack.stackStatusAsString().equals("CREATE_COMPLETE")) {
      throw operationFailed("created", request, stack, watcher,
          " The stack is left in " + stack.stackStatusAsString() + ": fix the template, then run again with"
              + " -Dlambda-sdlc.recreateFailed=true to delete and recreate it.");
    }
    return stack;
  }

  private Optional<Stack> update(Request request, Stack existing, List<Parameter> parameters, List<String> declared,
      List<Capability> capabilities, List<Tag> tags) {
    StackWatcher watcher = new StackWatcher(clients, listener, pollInterval);
    watcher.skipExistingEvents(existing.stackId());
    List<Parameter> all = new ArrayList<>(parameters);
    Map<String, String> given = new HashMap<>(request.parameters());
    for (Parameter previous : existing.parameters()) {
      if (!given.containsKey(previous.parameterKey())) {
        // Keep what the stack has rather than silently resetting a value set by an earlier run.
        all.add(Parameter.builder().parameterKey(previous.parameterKey()).usePreviousValue(true).build());
      }
    }
    List<Parameter> stillDeclared = all.stream().filter(p -> declared.contains(p.parameterKey())).toList();
    StackChangeSet changeSet = new StackChangeSet(clients, pollInterval);
    Optional<DescribeChangeSetResponse> planned;
    try {
      planned = changeSet.create(existing.stackId(), request.template().body(), stillDeclared, capabilities, tags);
    } catch (AwsServiceException e) {
      throw rejected(e, "updating stack " + request.stackName(), request);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "updating stack " + request.stackName());
    }
    if (planned.isEmpty()) {
      // Said once, by the caller's summary (init's "Stack X is up to date on ... (status)").
      listener.debug("CloudFormation has no updates to perform on stack " + request.stackName() + ".");
      upToDate = true;
      return Optional.empty();
    }
    upToDate = false;
    DescribeChangeSetResponse changes = planned.get();
    List<ResourceChange> resourceChanges = changes.changes().stream().map(c -> c.resourceChange()).toList();
    // One message: the lines stay together, apart from the stack events that follow.
    listener.info("Changes to stack " + request.stackName() + " (change set " + changes.changeSetName() + "):"
        + (resourceChanges.isEmpty() ? " none to resources (parameters, tags or outputs only)"
        : StackChangeSet.lines(resourceChanges).stream().map(line -> "\n  " + line).reduce("", String::concat)));
    List<ResourceChange> lossy = StackChangeSet.dataLoss(resourceChanges,
        TemplateDocument.parse(request.template().body()).root().path("Resources"), currentResources(existing));
    if (request.preview()) {
      changeSet.delete(changes.changeSetId());
      listener.info("Preview only (lambda-sdlc.preview): nothing applied." + (lossy.isEmpty() ? ""
          : " Applying would lose the data of " + names(lossy) + " unless -Dlambda-sdlc.allowDataLoss=true."));
      return Optional.empty();
    }
    if (!lossy.isEmpty() && !request.allowDataLoss()) {
      changeSet.delete(changes.changeSetId());
      throw WorkflowException.userError("Stack " + request.stackName() + " was not updated: the change would "
          + (lossy.size() == 1 ? "replace or remove a resource that holds data: " : "replace or remove resources"
          + " that hold data: ") + names(lossy) + ". Their contents would not come back. Change the template"
          + " so that they stay (for example keep the property that forces the replacement, or set"
          + " DeletionPolicy/UpdateReplacePolicy: Retain), or run again with -Dlambda-sdlc.allowDataLoss=true to"
          + " accept the loss.");
    }
    if (!lossy.isEmpty()) {
      listener.warn("Replacing or removing " + names(lossy) + ": their data is lost (lambda-sdlc.allowDataLoss).");
    }
    try {
      changeSet.execute(changes.changeSetId());
    } catch (AwsServiceException e) {
      throw rejected(e, "updating stack " + request.stackName(), request);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "updating stack " + request.stackName());
    }
    listener.info("Updating stack " + request.stackName() + " from " + request.template().source() + " on "
        + clients.target().describe());
    Stack stack = watcher.waitUntilSettled(existing.stackId());
    if (!stack.stackStatusAsString().equals("UPDATE_COMPLETE")) {
      throw operationFailed("updated", request, stack, watcher,
          " CloudFormation rolled the stack back to its previous state (" + stack.stackStatusAsString() + ").");
    }
    return Optional.of(stack);
  }

  private static String names(List<ResourceChange> changes) {
    return String.join(", ", changes.stream().map(c -> c.logicalResourceId() + " (" + c.resourceType() + ", "
        + ("Remove".equals(c.actionAsString()) ? "removed" : "replacement " + c.replacementAsString()) + ")")
        .toList());
  }

  /** The {@code Resources} of the stack's current template, or an empty object when it cannot be read. */
  private JsonNode currentResources(Stack stack) {
    try {
      String body = clients.cloudFormation().getTemplate(b -> b.stackName(stack.stackId())).templateBody();
      return TemplateDocument.parse(body).root().path("Resources");
    } catch (SdkException | IllegalArgumentException e) {
      return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    }
  }

  /** What creating the stack would add, from the template itself: nothing exists to compare with. */
  private void previewCreation(Request request) {
    JsonNode resources = TemplateDocument.parse(request.template().body()).root().path("Resources");
    StringBuilder lines = new StringBuilder("Changes to stack " + request.stackName() + " (it does not exist yet):");
    resources.fields().forEachRemaining(r -> lines.append("\n  Add ").append(r.getKey()).append(" (")
        .append(r.getValue().path("Type").asText()).append(')'));
    listener.info(lines.toString());
    listener.info("Preview only (lambda-sdlc.preview): nothing applied.");
  }

  private void delete(Stack stack) {
    StackWatcher watcher = new StackWatcher(clients, listener, pollInterval);
    watcher.skipExistingEvents(stack.stackId());
    try {
      clients.cloudFormation().deleteStack(b -> b.stackName(stack.stackId()));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "deleting stack " + stack.stackName());
    }
    Stack after = watcher.waitUntilSettled(stack.stackId());
    if (!after.stackStatusAsString().equals("DELETE_COMPLETE")) {
      String reason = Optional.ofNullable(watcher.firstFailureReason()).orElse(after.stackStatusReason());
      throw WorkflowException.failure("Stack " + stack.stackName() + " could not be deleted ("
          + after.stackStatusAsString() + ")" + (reason == null || reason.isBlank() ? "." : ": " + reason), null);
    }
  }

  private WorkflowException rejected(AwsServiceException e, String doing, Request request) {
    String code = errorCode(e);
    if ("InsufficientCapabilitiesException".equals(code)) {
      return WorkflowException.userError("CloudFormation refused " + doing + " (" + request.template().described()
          + "): " + e.awsErrorDetails().errorMessage() + ". Acknowledge them with -Dlambda-sdlc.capabilities=NAME,..."
          + " (or <capabilities> in the init goal's configuration).", e);
    }
    if ("ValidationError".equals(code)
        || "AlreadyExistsException".equals(code) || "LimitExceededException".equals(code)) {
      return WorkflowException.userError("CloudFormation refused " + doing + " ("
          + request.template().described() + "): " + e.awsErrorDetails().errorMessage(), e);
    }
    return SdkErrors.explain(e, clients.target(), doing);
  }

  private WorkflowException operationFailed(String verb, Request request, Stack stack, StackWatcher watcher,
      String consequence) {
    List<StackEvent> failures = watcher.failures();
    StringBuilder m = new StringBuilder("Stack " + request.stackName() + " could not be " + verb + " ("
        + stack.stackStatusAsString() + ")");
    // The first failure is the cause; later ones are mostly its consequences. A stack-level one (an export
    // already taken by another stack, say) names no resource, and the stack's final status has no reason.
    String reason = watcher.firstFailureReason() != null || !failures.isEmpty() ? watcher.firstFailureReason()
        : stack.stackStatusReason();
    boolean listed = failures.stream().anyMatch(f -> f.resourceStatusReason().equals(reason));
    m.append(reason == null || reason.isBlank() || listed ? "." : ": " + (reason.endsWith(".") ? reason : reason + "."));
    if (!failures.isEmpty()) {
      m.append(" Failed resources:");
      failures.stream().limit(5).forEach(f -> m.append("\n  ").append(f.logicalResourceId()).append(" (")
          .append(f.resourceType()).append("): ").append(f.resourceStatusReason()));
    }
    m.append(consequence);
    return WorkflowException.userError(m.toString());
  }

  /** The live runtime of each function of the stack, by logical id. */
  private Map<String, String> liveRuntimes(String stackId) {
    Map<String, String> runtimes = new HashMap<>();
    for (StackResourceSummary r : functionResources(stackId)) {
      try {
        var c = clients.lambda().getFunctionConfiguration(b -> b.functionName(r.physicalResourceId()));
        runtimes.put(r.logicalResourceId(), c.runtimeAsString());
      } catch (SdkException e) {
        // A function we cannot read is one we cannot warn about; init itself does not need it.
      }
    }
    return runtimes;
  }

  private void warnAboutResetFunctions(Map<String, String> before, Map<String, String> after) {
    before.forEach((logicalId, runtime) -> {
      String now = after.get(logicalId);
      if (runtime != null && runtime.startsWith("java") && now != null && !now.startsWith("java")) {
        listener.warn("The stack update reset function " + logicalId + " from " + runtime + " to the template's "
            + now + " stub. The prepare and deploy goals restore its Java runtime and code.");
      }
    });
  }

  private List<StackResourceSummary> functionResources(String stackId) {
    return StackFunction.functionResources(clients, stackId);
  }

  private Result withFunction(Request request, Stack stack, Outcome outcome) {
    StackFunction function = StackFunction.of(clients, stack, request.template().described(),
        request.functionLogicalId());
    listener.info("Function " + function.logicalId() + ": " + function.functionArn());
    return new Result(outcome, stack.stackId(), stack.stackStatusAsString(), function.logicalId(),
        function.functionName(), function.functionArn());
  }

  private static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
