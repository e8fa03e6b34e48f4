package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import java.util.List;

/**
 * DeleteStack: refused (the stack returns to its previous status) while another stack imports one of
 * its exports, as on AWS; otherwise its resources in reverse creation order, retained ones skipped.
 */
final class DeleteOperation extends StackOperation {
  private final String previousStatus;
  private final List<String> retainResources;

  DeleteOperation(StackEngine engine, StackRecord stack, String previousStatus, List<String> retainResources) {
    super(engine, stack);
    this.previousStatus = previousStatus;
    this.retainResources = retainResources;
    then(this::checkExports);
  }

  private java.time.Duration checkExports() {
    String problem;
    synchronized (stack) {
      problem = engine.exports.checkDelete(stack, stack.outputs);
    }
    if (problem != null) {
      engine.stackEvent(stack, previousStatus, problem);
      engine.stacks.save(stack);
      return null;
    }
    for (ResourceRecord r : resourcesNewestFirst()) {
      boolean retain = retainedOnDelete(r, false) || retainResources.contains(r.logicalId);
      next(delete(r, retain, false, false));
    }
    next(() -> {
      synchronized (stack) {
        stack.deletionTime = engine.now().toString();
        engine.stackEvent(stack, "DELETE_COMPLETE", null);
      }
      engine.stacks.save(stack);
      return null;
    });
    return null;
  }

  @Override
  protected void failed(OperationFailure failure) {
    String reason = failure.logicalId == null ? failure.getMessage() : failedResources("delete", "DELETE_FAILED");
    engine.stackEvent(stack, "DELETE_FAILED", reason);
  }
}
