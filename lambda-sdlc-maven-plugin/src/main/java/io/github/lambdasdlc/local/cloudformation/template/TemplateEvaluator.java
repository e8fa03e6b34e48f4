package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one template for one stack operation: its conditions, the order its resources must be
 * created in, and each resource's properties once the resources it refers to exist.
 */
public final class TemplateEvaluator {

  /** Every condition's value. */
  public Map<String, Boolean> conditions() {
    throw new UnsupportedOperationException("contract only: implemented by the template engine");
  }

  /**
   * The resources whose condition holds, in an order where each comes after everything it depends on
   * (DependsOn, Ref, Fn::GetAtt, Fn::Sub references); ties keep template order.
   *
   * @throws TemplateException on a cycle: {@code Circular dependency between resources: [A, B]}
   */
  public List<String> creationOrder() {
    throw new UnsupportedOperationException();
  }

  /** The logical ids a resource depends on, explicitly or through references. */
  public Set<String> dependenciesOf(String logicalId) {
    throw new UnsupportedOperationException();
  }

  /**
   * The resource's Properties with every intrinsic function evaluated and {@code AWS::NoValue} removed.
   *
   * @throws TemplateException when a function cannot be evaluated
   */
  public JsonNode resolveProperties(String logicalId, ResourceAttributes resources) {
    throw new UnsupportedOperationException();
  }

  /** The outputs whose condition holds, evaluated. */
  public List<ResolvedOutput> resolveOutputs(ResourceAttributes resources) {
    throw new UnsupportedOperationException();
  }
}
