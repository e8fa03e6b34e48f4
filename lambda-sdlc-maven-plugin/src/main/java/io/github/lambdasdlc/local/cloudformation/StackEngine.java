package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.cloudformation.StackRecord.EventRecord;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.resources.ProviderContext;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceProviders;
import io.github.lambdasdlc.local.httpfront.HttpApis;
import io.github.lambdasdlc.local.lambda.FunctionsApi;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs stack operations in the background, on the local cloud's scheduler, one step at a time with
 * {@code stackStepDelay} between steps, so that clients see the IN_PROGRESS states they must wait out
 * on AWS. Also records events and recovers stacks a previous process left in progress.
 */
final class StackEngine {
  private static final Logger LOG = Logger.getLogger(StackEngine.class.getName());
  static final String STACK_TYPE = "AWS::CloudFormation::Stack";

  /** What an operation left in progress becomes when the process that ran it died. */
  private static final Map<String, String> RECOVERED_STATUS = Map.of(
      "CREATE_IN_PROGRESS", "CREATE_FAILED",
      "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED",
      "DELETE_IN_PROGRESS", "DELETE_FAILED",
      "UPDATE_IN_PROGRESS", "UPDATE_FAILED",
      "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
      "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED",
      "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE");
  static final String STOPPED_REASON = "The lambda-sdlc local cloud stopped while this operation was in progress";

  final LocalContext cloud;
  final FunctionsApi lambda;
  /** Null when this cloud serves no HTTP APIs. */
  final HttpApis httpApis;
  final StackRepository stacks;
  final Exports exports;
  final ResourceProviders providers;
  /** Resolves {@code {{resolve:...}}} in properties just before a provider sees them. */
  final DynamicReferences references;
  /** The ResponseURLs of custom resource requests, and the answers PUT to them. */
  final CustomResourceResponses customResponses = new CustomResourceResponses();
  /** Held while exports are checked and applied, so that two stacks cannot take one export name. */
  final Object exportsLock = new Object();
  /** Resources an update replaced, still alive until its cleanup: their physical ids stay taken. */
  final java.util.Set<ResourceRecord> replacedResources = java.util.concurrent.ConcurrentHashMap.newKeySet();

  StackEngine(LocalContext cloud, FunctionsApi lambda, HttpApis httpApis, StackRepository stacks) {
    this.cloud = cloud;
    this.lambda = lambda;
    this.httpApis = httpApis;
    this.stacks = stacks;
    this.exports = new Exports(stacks);
    this.providers = new ResourceProviders(cloud.config().unsupportedResources());
    this.references = new DynamicReferences(stacks);
  }

  Instant now() {
    return cloud.clock().instant();
  }

  Duration stepDelay() {
    return cloud.config().stackStepDelay();
  }

  void schedule(Runnable task, Duration delay) {
    try {
      cloud.scheduler().schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The cloud is closing: the stack stays in progress on disk and is recovered at the next start.
      LOG.log(Level.FINE, "Stack operation step not scheduled: the local cloud is stopping", e);
    }
  }

  /** Moves stacks a dead process left in progress to the state the operation cannot finish from. */
  void recover() {
    for (StackRecord stack : stacks.load(now())) {
      synchronized (stack) {
        ChangeSets.recover(stack, STOPPED_REASON);
        String to = RECOVERED_STATUS.get(stack.status);
        if (to == null) {
          continue;
        }
        for (ResourceRecord r : stack.resources.values()) {
          if (r.status != null && r.status.endsWith("_IN_PROGRESS")) {
            String failed = r.status.replace("_IN_PROGRESS", "_FAILED");
            resourceEvent(stack, r, failed, STOPPED_REASON, null);
          }
        }
        stackEvent(stack, to, STOPPED_REASON);
      }
      stacks.save(stack);
    }
  }

  ProviderContext providerContext(StackRecord stack, String logicalId) {
    return new ProviderContext(cloud, lambda, stack.stackName, stack.stackId, logicalId, this::physicalIdTaken,
        customResponses, httpApis);
  }

  private boolean physicalIdTaken(String type, String physicalId) {
    for (ResourceRecord r : replacedResources) {
      if (type.equals(r.type) && physicalId.equals(r.physicalId)) {
        return true;
      }
    }
    for (StackRecord s : stacks.live()) {
      synchronized (s) {
        for (ResourceRecord r : s.resources.values()) {
          if (type.equals(r.type) && physicalId.equals(r.physicalId) && !"DELETE_COMPLETE".equals(r.status)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Sets the stack's status and records the stack-level event. */
  void stackEvent(StackRecord stack, String status, String reason) {
    synchronized (stack) {
      stack.status = status;
      stack.statusReason = reason;
      EventRecord e = new EventRecord();
      e.eventId = UUID.randomUUID().toString();
      e.logicalId = stack.stackName;
      e.physicalId = stack.stackId;
      e.type = STACK_TYPE;
      e.timestamp = now().toString();
      e.status = status;
      e.reason = reason;
      stack.events.add(e);
      ChangeSets.settle(stack);
    }
  }

  /** Sets a resource's status and records its event. */
  void resourceEvent(StackRecord stack, ResourceRecord r, String status, String reason, JsonNode properties) {
    synchronized (stack) {
      Instant at = now();
      r.status = status;
      r.statusReason = reason;
      r.timestamp = at.toString();
      EventRecord e = new EventRecord();
      e.eventId = r.logicalId + "-" + status + "-" + at;
      e.logicalId = r.logicalId;
      e.physicalId = r.physicalId;
      e.type = r.type;
      e.timestamp = at.toString();
      e.status = status;
      e.reason = NoEchoMask.text(stack, reason);
      e.properties = properties == null ? null : NoEchoMask.json(stack, properties).toString();
      stack.events.add(e);
    }
  }
}
