package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.LocalContext;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The asynchronous states AWS clients wait for: a new function is {@code Pending} and becomes
 * {@code Active}; an updated one is {@code InProgress} and becomes {@code Successful}. Each transition is
 * a task on the local cloud's scheduler after {@code lambdaUpdateDelay}; a restart finishes whatever a
 * previous process left transitional. As on AWS, finishing a transition gives the version a new RevisionId.
 */
final class StateTransitions {
  private static final Logger LOG = Logger.getLogger(StateTransitions.class.getName());
  static final String CREATING_REASON = "The function is being created.";
  static final String CREATING_CODE = "Creating";

  private final LocalContext context;
  private final FunctionRegistry registry;

  StateTransitions(LocalContext context, FunctionRegistry registry) {
    this.context = context;
    this.registry = registry;
  }

  static void markPending(FunctionVersion v) {
    v.state = "Pending";
    v.stateReason = CREATING_REASON;
    v.stateReasonCode = CREATING_CODE;
    v.lastUpdateStatus = null;
    v.lastUpdateStatusReason = null;
    v.lastUpdateStatusReasonCode = null;
  }

  static void markInProgress(FunctionVersion v) {
    v.lastUpdateStatus = "InProgress";
    v.lastUpdateStatusReason = CREATING_REASON;
    v.lastUpdateStatusReasonCode = CREATING_CODE;
  }

  static void markSettled(FunctionVersion v) {
    v.state = "Active";
    v.stateReason = null;
    v.stateReasonCode = null;
    v.lastUpdateStatus = "Successful";
    v.lastUpdateStatusReason = null;
    v.lastUpdateStatusReasonCode = null;
  }

  /** Settles the function's transitional versions after the configured delay. */
  void schedule(String functionName) {
    try {
      context.scheduler().schedule(() -> settle(functionName), context.config().lambdaUpdateDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The cloud is closing; the next start settles it.
    }
  }

  /** Schedules every function a previous process left in a transitional state. */
  void resumeAll() {
    registry.locked(() -> registry.all().stream()
        .filter(r -> r.latest.transitional() || r.versions.values().stream().anyMatch(FunctionVersion::transitional))
        .map(r -> r.name).toList()).forEach(this::schedule);
  }

  private void settle(String functionName) {
    try {
      registry.locked(() -> {
        FunctionRecord r = registry.get(functionName);
        if (r == null) {
          return;
        }
        boolean changed = settle(r.latest);
        for (FunctionVersion v : r.versions.values()) {
          changed |= settle(v);
        }
        if (changed) {
          r.previousLatest = null;
          registry.save(r);
          registry.collectCode();
        }
      });
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not settle the state of function " + functionName, e);
    }
  }

  private static boolean settle(FunctionVersion v) {
    if (!v.transitional()) {
      return false;
    }
    markSettled(v);
    v.revisionId = UUID.randomUUID().toString();
    return true;
  }
}
