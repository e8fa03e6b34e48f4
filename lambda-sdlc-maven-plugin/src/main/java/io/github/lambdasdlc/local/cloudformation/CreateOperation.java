package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.template.ResourceDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import java.util.List;

/**
 * CreateStack: the resources in creation order, then the outputs and exports; on failure, by
 * OnFailure: ROLLBACK (delete what was created, ROLLBACK_COMPLETE), DO_NOTHING (CREATE_FAILED) or
 * DELETE (delete the resources and the stack).
 */
final class CreateOperation extends StackOperation {
  private final Template template;
  private final TemplateEvaluator evaluator;
  private final Exports.RecordingResolver imports;
  private final String onFailure;
  private boolean rollingBack;

  CreateOperation(StackEngine engine, StackRecord stack, Template template, TemplateEvaluator evaluator,
      Exports.RecordingResolver imports, List<String> creationOrder, String onFailure) {
    super(engine, stack);
    this.template = template;
    this.evaluator = evaluator;
    this.imports = imports;
    this.onFailure = onFailure;
    for (String logicalId : creationOrder) {
      then(() -> createStep(logicalId));
    }
    then(this::complete);
  }

  private java.time.Duration createStep(String logicalId) {
    ResourceDeclaration declaration = template.resources().get(logicalId);
    ResourceRecord r = newRecord(logicalId, declaration.type(), declaration.deletionPolicy());
    r.dependsOn = new java.util.ArrayList<>(evaluator.dependenciesOf(logicalId));
    synchronized (stack) {
      stack.resources.put(logicalId, r);
    }
    JsonNode props;
    try {
      props = evaluator.resolveProperties(logicalId, attributes());
    } catch (TemplateException e) {
      throw resourceFailed(r, "CREATE_FAILED", e.getMessage());
    }
    createResource(r, props, "CREATE_IN_PROGRESS", null, "CREATE_COMPLETE", "CREATE_FAILED");
    return null;
  }

  private java.time.Duration complete() {
    publishOutputs(evaluator, imports, List.of());
    engine.stackEvent(stack, "CREATE_COMPLETE", null);
    engine.stacks.save(stack);
    return null;
  }

  @Override
  protected void failed(OperationFailure failure) {
    if (rollingBack) {
      String status = "DELETE".equals(onFailure) ? "DELETE_FAILED" : "ROLLBACK_FAILED";
      engine.stackEvent(stack, status, failedResources("delete", "DELETE_FAILED"));
      return;
    }
    String reason = failure.logicalId == null ? failure.getMessage() : failedResources("create", "CREATE_FAILED");
    if ("DO_NOTHING".equals(onFailure)) {
      engine.stackEvent(stack, "CREATE_FAILED", reason);
      return;
    }
    rollingBack = true;
    if ("DELETE".equals(onFailure)) {
      engine.stackEvent(stack, "DELETE_IN_PROGRESS", reason);
    } else {
      engine.stackEvent(stack, "ROLLBACK_IN_PROGRESS", (reason.endsWith(".") ? reason : reason + ".")
          + " Rollback requested by user.");
    }
    for (ResourceRecord r : resourcesNewestFirst()) {
      then(delete(r, retainedOnDelete(r, true), false, false));
    }
    then(() -> {
      if ("DELETE".equals(onFailure)) {
        synchronized (stack) {
          stack.deletionTime = engine.now().toString();
          engine.stackEvent(stack, "DELETE_COMPLETE", null);
        }
      } else {
        engine.stackEvent(stack, "ROLLBACK_COMPLETE", null);
      }
      engine.stacks.save(stack);
      return null;
    });
  }
}
