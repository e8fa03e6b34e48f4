package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.StackRecord.OutputRecord;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceFailure;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceProvider;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceState;
import io.github.lambdasdlc.local.cloudformation.template.ResourceDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * UpdateStack. Resources are visited in the new creation order: added ones are created, changed ones
 * updated in place or replaced (the new one created first, the old one deleted at cleanup), by the
 * template properties' difference, not the live state. Then outputs and exports; then cleanup
 * (UPDATE_COMPLETE_CLEANUP_IN_PROGRESS) deletes removed and replaced resources.
 *
 * <p>On failure, UPDATE_ROLLBACK_IN_PROGRESS puts back the old template, parameters and outputs,
 * updates changed resources back and restores replaced ones, then its cleanup deletes what the update
 * had created: UPDATE_ROLLBACK_COMPLETE.
 */
final class UpdateOperation extends StackOperation {
  /** What the stack was before the update, to roll back to. */
  record Previous(String templateBody, String description, Map<String, String> parameters, List<String> noEcho,
      List<String> capabilities, Map<String, String> tags, List<OutputRecord> outputs, List<String> imports,
      Map<String, ResourceRecord> resources, boolean disableRollback) {

    static Previous of(StackRecord s) {
      Map<String, ResourceRecord> resources = new LinkedHashMap<>();
      s.resources.forEach((k, v) -> resources.put(k, v.copy()));
      return new Previous(s.templateBody, s.description, new LinkedHashMap<>(s.parameters),
          List.copyOf(s.noEchoParameters), List.copyOf(s.capabilities), new LinkedHashMap<>(s.tags),
          List.copyOf(s.outputs), List.copyOf(s.imports), resources, s.disableRollback);
    }
  }

  private final Template template;
  private final TemplateEvaluator evaluator;
  private final Exports.RecordingResolver imports;
  private final Previous previous;
  private final boolean disableRollback;
  private final List<String> newOrder;
  /** Old records of replaced resources: deleted at cleanup, or put back by a rollback. */
  private final Map<String, ResourceRecord> replaced = new LinkedHashMap<>();
  /** Records the update created (added or replacements): deleted by a rollback. */
  private final List<ResourceRecord> created = new ArrayList<>();
  /** Resources updated in place, with the properties they had. */
  private final Map<String, JsonNode> updatedInPlace = new LinkedHashMap<>();
  private boolean rollingBack;

  UpdateOperation(StackEngine engine, StackRecord stack, Previous previous, Template template,
      TemplateEvaluator evaluator, Exports.RecordingResolver imports, List<String> creationOrder,
      boolean disableRollback) {
    super(engine, stack);
    this.template = template;
    this.evaluator = evaluator;
    this.imports = imports;
    this.previous = previous;
    this.disableRollback = disableRollback;
    this.newOrder = List.copyOf(creationOrder);
    for (String logicalId : creationOrder) {
      then(() -> updateStep(logicalId));
    }
    then(this::outputs);
  }

  private Duration updateStep(String logicalId) {
    ResourceDeclaration declaration = template.resources().get(logicalId);
    ResourceRecord current;
    synchronized (stack) {
      current = stack.resources.get(logicalId);
    }
    List<String> dependsOn = new ArrayList<>(evaluator.dependenciesOf(logicalId));
    if (current == null) {
      ResourceRecord r = newRecord(logicalId, declaration.type(), declaration.deletionPolicy());
      r.dependsOn = dependsOn;
      synchronized (stack) {
        stack.resources.put(logicalId, r);
      }
      created.add(r);
      JsonNode props = resolve(r, "CREATE_FAILED");
      createResource(r, props, "CREATE_IN_PROGRESS", null, "CREATE_COMPLETE", "CREATE_FAILED");
      return null;
    }
    JsonNode props = resolve(current, "UPDATE_FAILED");
    boolean sameType = declaration.type().equals(current.type);
    synchronized (stack) {
      current.deletionPolicy = declaration.deletionPolicy();
      current.dependsOn = dependsOn;
    }
    if (sameType && props.equals(current.properties)) {
      return null;
    }
    ResourceProvider provider;
    try {
      provider = engine.providers.forType(declaration.type())
          .orElseThrow(() -> new ResourceFailure(engine.providers.unsupported(declaration.type())));
    } catch (ResourceFailure e) {
      throw resourceFailed(current, "UPDATE_FAILED", e.getMessage());
    }
    if (!sameType || current.properties == null || provider.requiresReplacement(current.properties, props)) {
      String nameProperty = provider.nameProperty();
      if (sameType && nameProperty != null && props.hasNonNull(nameProperty) && current.properties != null
          && Objects.equals(current.properties.get(nameProperty), props.get(nameProperty))) {
        throw resourceFailed(current, "UPDATE_FAILED", "CloudFormation cannot update a stack when a custom-named"
            + " resource requires replacing. Rename " + props.get(nameProperty).asText() + " and update the stack"
            + " again.");
      }
      ResourceRecord replacement = newRecord(logicalId, declaration.type(), declaration.deletionPolicy());
      replacement.dependsOn = dependsOn;
      synchronized (stack) {
        replaced.put(logicalId, current);
        engine.replacedResources.add(current);
        stack.resources.put(logicalId, replacement);
      }
      created.add(replacement);
      createResource(replacement, props, "UPDATE_IN_PROGRESS",
          "Requested update requires the creation of a new physical resource; hence creating one.",
          "UPDATE_COMPLETE", "UPDATE_FAILED");
      return null;
    }
    updatedInPlace.putIfAbsent(logicalId, current.properties);
    updateInPlace(current, provider, current.properties, props);
    return null;
  }

  private JsonNode resolve(ResourceRecord r, String failedStatus) {
    try {
      return evaluator.resolveProperties(r.logicalId, attributes());
    } catch (TemplateException e) {
      throw resourceFailed(r, failedStatus, e.getMessage());
    }
  }

  private void updateInPlace(ResourceRecord r, ResourceProvider provider, JsonNode from, JsonNode to) {
    checkLengths(r, to, "UPDATE_FAILED");
    engine.resourceEvent(stack, r, "UPDATE_IN_PROGRESS", null, to);
    engine.stacks.save(stack);
    ResourceState s;
    synchronized (stack) {
      s = state(r);
    }
    try {
      JsonNode resolvedFrom;
      try {
        resolvedFrom = engine.references.resolve(from);
      } catch (ResourceFailure gone) {
        resolvedFrom = from; // what the old properties referred to may be gone: compare with the references
      }
      s = provider.update(engine.providerContext(stack, r.logicalId), s, resolvedFrom, engine.references.resolve(to));
    } catch (ResourceFailure e) {
      throw resourceFailed(r, "UPDATE_FAILED", e.getMessage());
    }
    synchronized (stack) {
      apply(r, s);
      r.properties = to;
    }
    engine.stacks.save(stack);
    next(stabilize(r, provider, "UPDATE_COMPLETE", "UPDATE_FAILED"));
  }

  private Duration outputs() {
    publishOutputs(evaluator, imports, previous.outputs());
    engine.stackEvent(stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
    engine.stacks.save(stack);
    // Removed resources go in the reverse of their creation order, then the replaced old ones.
    List<ResourceRecord> removed = new ArrayList<>();
    synchronized (stack) {
      for (ResourceRecord r : stack.resources.values()) {
        if (!newOrder.contains(r.logicalId)) {
          removed.add(r);
        }
      }
    }
    for (ResourceRecord r : deletionOrder(removed)) {
      next(delete(r, retainedOnDelete(r, false), true, true));
    }
    List<ResourceRecord> old = new ArrayList<>(replaced.values());
    old.sort(Comparator.comparingLong((ResourceRecord r) -> r.order).reversed());
    for (ResourceRecord r : old) {
      next(delete(r, false, false, true));
      next(() -> {
        engine.replacedResources.remove(r);
        return null;
      });
    }
    next(() -> {
      engine.stackEvent(stack, "UPDATE_COMPLETE", null);
      engine.stacks.save(stack);
      return null;
    });
    return null;
  }

  @Override
  protected void failed(OperationFailure failure) {
    if (rollingBack) {
      engine.stackEvent(stack, "UPDATE_ROLLBACK_FAILED", failure.logicalId == null ? failure.getMessage()
          : "The following resource(s) failed to update: [" + failure.logicalId + "].");
      return;
    }
    String reason;
    if (failure.logicalId == null) {
      reason = failure.getMessage();
    } else {
      String created = failedResources("create", "CREATE_FAILED");
      reason = created.endsWith("[].") ? failedResources("update", "UPDATE_FAILED") : created;
    }
    if (disableRollback) {
      engine.stackEvent(stack, "UPDATE_FAILED", reason);
      return;
    }
    rollingBack = true;
    engine.stackEvent(stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
    synchronized (stack) {
      stack.templateBody = previous.templateBody();
      stack.description = previous.description();
      stack.parameters = new LinkedHashMap<>(previous.parameters());
      stack.noEchoParameters = new ArrayList<>(previous.noEcho());
      stack.capabilities = new ArrayList<>(previous.capabilities());
      stack.tags = new LinkedHashMap<>(previous.tags());
      stack.outputs = new ArrayList<>(previous.outputs());
      stack.imports = new ArrayList<>(previous.imports());
      stack.disableRollback = previous.disableRollback();
    }
    // Resources updated in place go back to their old properties, newest change first.
    List<String> changed = new ArrayList<>(updatedInPlace.keySet());
    java.util.Collections.reverse(changed);
    for (String logicalId : changed) {
      then(() -> rollBackInPlace(logicalId));
    }
    // Replaced ones get their old physical resource back; the replacement is deleted at cleanup.
    for (Map.Entry<String, ResourceRecord> e : replaced.entrySet()) {
      then(() -> {
        ResourceRecord old = e.getValue();
        synchronized (stack) {
          stack.resources.put(e.getKey(), old);
        }
        engine.replacedResources.remove(old);
        engine.resourceEvent(stack, old, "UPDATE_COMPLETE", null, null);
        engine.stacks.save(stack);
        return null;
      });
    }
    then(() -> {
      engine.stackEvent(stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
      engine.stacks.save(stack);
      for (ResourceRecord r : deletionOrder(new ArrayList<>(created))) {
        boolean stillInStack;
        synchronized (stack) {
          stillInStack = stack.resources.get(r.logicalId) == r;
        }
        next(delete(r, false, stillInStack, true));
      }
      next(() -> {
        engine.stackEvent(stack, "UPDATE_ROLLBACK_COMPLETE", null);
        engine.stacks.save(stack);
        return null;
      });
      return null;
    });
  }

  private Duration rollBackInPlace(String logicalId) {
    ResourceRecord r;
    synchronized (stack) {
      r = stack.resources.get(logicalId);
    }
    JsonNode before = updatedInPlace.get(logicalId);
    if (r == null || Objects.equals(r.properties, before)) {
      if (r != null && !"UPDATE_COMPLETE".equals(r.status)) {
        engine.resourceEvent(stack, r, "UPDATE_COMPLETE", null, null);
        engine.stacks.save(stack);
      }
      return null;
    }
    updateInPlace(r, provider(r), r.properties, before);
    return null;
  }
}
