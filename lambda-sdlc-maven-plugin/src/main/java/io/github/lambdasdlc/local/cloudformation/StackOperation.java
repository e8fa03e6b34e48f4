package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.resources.CustomResourceProvider;
import io.github.lambdasdlc.local.cloudformation.resources.PropertyLengths;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceFailure;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceProvider;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceState;
import io.github.lambdasdlc.local.cloudformation.resources.StandInProvider;
import io.github.lambdasdlc.local.cloudformation.template.ResourceAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One stack operation as a queue of steps run on the scheduler: a step never blocks (waiting for a
 * Lambda function to become Active is a step that asks to run again later), so operations of several
 * stacks and the Lambda service's own state changes share the scheduler's few threads.
 */
abstract class StackOperation {
  private static final Logger LOG = Logger.getLogger(StackOperation.class.getName());

  /** One step; returns null when done, or how long to wait before running it again. */
  interface Step {
    Duration run();
  }

  /** A step failed; {@code logicalId} names the failed resource, null for a stack-level failure. */
  static final class OperationFailure extends RuntimeException {
    final String logicalId;

    OperationFailure(String logicalId, String message) {
      super(message, null, false, false);
      this.logicalId = logicalId;
    }
  }

  protected final StackEngine engine;
  protected final StackRecord stack;
  private final Deque<Step> steps = new ArrayDeque<>();
  private final List<Step> inserted = new ArrayList<>();

  StackOperation(StackEngine engine, StackRecord stack) {
    this.engine = engine;
    this.stack = stack;
  }

  /** Adds a step at the end of the operation. */
  protected void then(Step step) {
    steps.addLast(step);
  }

  /** From inside a step: runs {@code step} right after the current one. */
  protected void next(Step step) {
    inserted.add(step);
  }

  protected void clearSteps() {
    steps.clear();
    inserted.clear();
  }

  void start() {
    engine.schedule(this::tick, engine.stepDelay());
  }

  private void tick() {
    Step step = steps.pollFirst();
    if (step == null) {
      return;
    }
    inserted.clear();
    Duration again;
    try {
      again = step.run();
    } catch (Throwable e) {
      // Any Throwable, Errors too: the scheduler's Future would swallow it and leave the stack IN_PROGRESS for good.
      if (!(e instanceof OperationFailure)) {
        LOG.log(Level.WARNING, "Stack operation step failed on " + stack.stackName, e);
      }
      clearSteps();
      try {
        // The exception's text may quote template values: the reason names its type only.
        failed(e instanceof OperationFailure f ? f : new OperationFailure(null, "Internal failure of the local cloud ("
            + e.getClass().getSimpleName() + "); its log has the details."));
        engine.stacks.save(stack);
      } catch (Throwable e2) {
        LOG.log(Level.SEVERE, "Stack failure handling failed on " + stack.stackName, e2);
      }
      continueLater(engine.stepDelay());
      return;
    }
    if (again != null) {
      steps.addFirst(step);
      continueLater(again);
      return;
    }
    for (int i = inserted.size() - 1; i >= 0; i--) {
      steps.addFirst(inserted.get(i));
    }
    inserted.clear();
    continueLater(engine.stepDelay());
  }

  private void continueLater(Duration delay) {
    if (!steps.isEmpty()) {
      engine.schedule(this::tick, delay);
    }
  }

  /** Reacts to a failed step, typically by queueing a rollback. */
  protected abstract void failed(OperationFailure failure);

  // ---- resources

  protected ResourceAttributes attributes() {
    return new ResourceAttributes() {
      @Override
      public String ref(String logicalId) {
        synchronized (stack) {
          ResourceRecord r = stack.resources.get(logicalId);
          return r == null ? null : r.ref;
        }
      }

      @Override
      public JsonNode getAtt(String logicalId, String attribute) {
        synchronized (stack) {
          ResourceRecord r = stack.resources.get(logicalId);
          JsonNode v = r == null || r.attributes == null ? null : r.attributes.get(attribute);
          JsonNode unavailable = r == null || r.data == null ? null
              : r.data.path(StandInProvider.UNAVAILABLE).get(attribute);
          if (v == null && unavailable != null) {
            throw new TemplateException("Template error: the stand-in of resource " + logicalId + " (" + r.type
                + ") has no value for attribute " + attribute + " in Fn::GetAtt: " + unavailable.asText());
          }
          if (v == null) {
            throw new TemplateException("Template error: resource " + logicalId + " does not support attribute type "
                + attribute + " in Fn::GetAtt");
          }
          return CustomResourceProvider.attribute(r.data, v);
        }
      }
    };
  }

  protected ResourceProvider provider(ResourceRecord r) {
    return engine.providers.forType(r.type).orElseThrow(() -> new ResourceFailure(engine.providers.unsupported(r.type)));
  }

  protected static ResourceState state(ResourceRecord r) {
    return new ResourceState(r.physicalId, r.ref, r.attributes, r.data);
  }

  protected static void apply(ResourceRecord r, ResourceState s) {
    r.physicalId = s.physicalId();
    r.ref = s.ref();
    r.attributes = s.attributes();
    r.data = s.data();
  }

  /** Marks a resource failed and fails the operation. */
  protected OperationFailure resourceFailed(ResourceRecord r, String status, String reason) {
    engine.resourceEvent(stack, r, status, reason, null);
    engine.stacks.save(stack);
    return new OperationFailure(r.logicalId, reason);
  }

  /**
   * Creates a resource from its resolved properties: {@code IN_PROGRESS} twice (the second, "Resource
   * creation Initiated", with the physical id), then {@code COMPLETE} once it is stable.
   */
  protected void createResource(ResourceRecord r, JsonNode props, String inProgress, String firstReason,
      String complete, String failedStatus) {
    checkLengths(r, props, failedStatus);
    engine.resourceEvent(stack, r, inProgress, firstReason, props);
    engine.stacks.save(stack);
    ResourceProvider provider;
    ResourceState created;
    try {
      provider = provider(r);
      created = provider.create(engine.providerContext(stack, r.logicalId), engine.references.resolve(props));
    } catch (ResourceFailure e) {
      throw resourceFailed(r, failedStatus, e.getMessage());
    }
    synchronized (stack) {
      apply(r, created);
      r.properties = props;
    }
    engine.resourceEvent(stack, r, inProgress, "Resource creation Initiated", props);
    engine.stacks.save(stack);
    next(stabilize(r, provider, complete, failedStatus));
  }

  /** Fails the resource, before anything is recorded or provisioned, when a property is longer than its schema allows. */
  protected void checkLengths(ResourceRecord r, JsonNode props, String failedStatus) {
    try {
      PropertyLengths.check(r.type, r.logicalId, props);
    } catch (ResourceFailure e) {
      throw resourceFailed(r, failedStatus, e.getMessage());
    }
  }

  /** Waits until the provider says the resource is stable, then records {@code complete}. */
  protected Step stabilize(ResourceRecord r, ResourceProvider provider, String complete, String failedStatus) {
    return () -> {
      Duration again;
      ResourceState s;
      synchronized (stack) {
        s = state(r);
      }
      try {
        again = provider.stabilize(engine.providerContext(stack, r.logicalId), s);
      } catch (ResourceFailure e) {
        throw resourceFailed(r, failedStatus, e.getMessage());
      } finally {
        synchronized (stack) {
          apply(r, s);
        }
      }
      if (again != null) {
        engine.stacks.save(stack);
        return again;
      }
      engine.resourceEvent(stack, r, complete, provider.completeReason(), null);
      engine.stacks.save(stack);
      return null;
    };
  }

  /**
   * Deletes a resource (or skips it when retained): DELETE_IN_PROGRESS, DELETE_COMPLETE. A resource
   * that never got a physical id has nothing to delete.
   *
   * @param detach remove the record from the stack once done (resources an update removed or replaced)
   */
  protected Step delete(ResourceRecord r, boolean retain, boolean detach, boolean tolerateFailure) {
    boolean[] started = {false};
    return () -> {
      if (retain) {
        engine.resourceEvent(stack, r, "DELETE_SKIPPED", null, null);
      } else {
        if (!started[0]) {
          engine.resourceEvent(stack, r, "DELETE_IN_PROGRESS", null, null);
          engine.stacks.save(stack);
        }
        if (r.physicalId != null) {
          try {
            ResourceState s;
            synchronized (stack) {
              s = state(r);
            }
            ResourceProvider provider = provider(r);
            if (!started[0]) {
              started[0] = true;
              provider.delete(engine.providerContext(stack, r.logicalId), s);
            }
            // A deletion that finishes later (a custom resource's answer): the step runs again until it has.
            Duration again = provider.stabilizeDelete(engine.providerContext(stack, r.logicalId), s);
            synchronized (stack) {
              apply(r, s);
            }
            if (again != null) {
              return again;
            }
          } catch (ResourceFailure e) {
            if (tolerateFailure) {
              engine.resourceEvent(stack, r, "DELETE_FAILED", e.getMessage(), null);
              engine.stacks.save(stack);
              return null;
            }
            throw resourceFailed(r, "DELETE_FAILED", e.getMessage());
          }
        }
        engine.resourceEvent(stack, r, "DELETE_COMPLETE", null, null);
      }
      if (detach) {
        synchronized (stack) {
          stack.resources.remove(r.logicalId, r);
        }
      }
      engine.stacks.save(stack);
      return null;
    };
  }

  /**
   * The stack's resources not yet deleted, in an order to delete them: a resource before those it
   * depends on, otherwise newest first.
   */
  protected List<ResourceRecord> resourcesNewestFirst() {
    List<ResourceRecord> list;
    synchronized (stack) {
      list = new ArrayList<>(stack.resources.values());
    }
    list.removeIf(r -> "DELETE_COMPLETE".equals(r.status) || "DELETE_SKIPPED".equals(r.status));
    return deletionOrder(list);
  }

  /** Orders resources for deletion: dependents before what they depend on, newer before older. */
  static List<ResourceRecord> deletionOrder(List<ResourceRecord> resources) {
    List<ResourceRecord> remaining = new ArrayList<>(resources);
    remaining.sort(Comparator.comparingLong((ResourceRecord r) -> r.order).reversed());
    List<ResourceRecord> ordered = new ArrayList<>();
    while (!remaining.isEmpty()) {
      ResourceRecord next = null;
      for (ResourceRecord candidate : remaining) {
        boolean needed = remaining.stream().anyMatch(other -> other != candidate && other.dependsOn != null
            && other.dependsOn.contains(candidate.logicalId));
        if (!needed) {
          next = candidate;
          break;
        }
      }
      // A cycle cannot be created, but recorded dependencies could be stale: fall back to age.
      ResourceRecord chosen = next != null ? next : remaining.get(0);
      ordered.add(chosen);
      remaining.remove(chosen);
    }
    return ordered;
  }

  protected ResourceRecord newRecord(String logicalId, String type, String deletionPolicy) {
    ResourceRecord r = new ResourceRecord();
    r.logicalId = logicalId;
    r.type = type;
    r.deletionPolicy = deletionPolicy;
    synchronized (stack) {
      r.order = ++stack.creationCounter;
    }
    return r;
  }

  /** "The following resource(s) failed to create: [A, B]." from the stack's resources in that status. */
  protected String failedResources(String verb, String failedStatus) {
    List<String> ids = new ArrayList<>();
    synchronized (stack) {
      for (ResourceRecord r : stack.resources.values()) {
        if (failedStatus.equals(r.status)) {
          ids.add(r.logicalId);
        }
      }
    }
    return "The following resource(s) failed to " + verb + ": " + ids + ".";
  }

  static boolean retainedOnDelete(ResourceRecord r, boolean rollingBackCreate) {
    return "Retain".equals(r.deletionPolicy) || "RetainExceptOnCreate".equals(r.deletionPolicy) && !rollingBackCreate;
  }

  /**
   * Evaluates the template's outputs and makes them the stack's, after checking that no export another
   * stack imports would change or vanish (compared with {@code before}).
   *
   * @throws OperationFailure when an output cannot be evaluated or an export is in use
   */
  protected void publishOutputs(io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator evaluator,
      Exports.RecordingResolver imports, List<StackRecord.OutputRecord> before) {
    List<StackRecord.OutputRecord> outputs;
    try {
      outputs = outputRecords(evaluator.resolveOutputs(attributes()));
    } catch (io.github.lambdasdlc.cfn.TemplateException e) {
      throw new OperationFailure(null, e.getMessage());
    }
    synchronized (engine.exportsLock) {
      String problem = engine.exports.checkChange(stack, before, outputs);
      if (problem != null) {
        throw new OperationFailure(null, problem);
      }
      synchronized (stack) {
        stack.outputs = outputs;
        stack.imports = List.copyOf(imports.imported());
      }
    }
  }

  static List<StackRecord.OutputRecord> outputRecords(
      List<io.github.lambdasdlc.local.cloudformation.template.ResolvedOutput> outputs) {
    List<StackRecord.OutputRecord> records = new ArrayList<>();
    for (var o : outputs) {
      records.add(new StackRecord.OutputRecord(o.key(), o.value(), o.description(), o.exportName(),
          o.masked()));
    }
    return records;
  }
}
