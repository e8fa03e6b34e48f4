package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateException;

/**
 * What the stack engine knows of resources already created, for {@code Ref} and {@code Fn::GetAtt}
 * to resources. The evaluator only asks for resources the one being evaluated depends on.
 */
public interface ResourceAttributes {

  /** The resource's physical id or whatever its type answers to {@code Ref}. */
  String ref(String logicalId);

  /**
   * The value of {@code Fn::GetAtt [logicalId, attribute]}: text, or a list for list-valued attributes.
   *
   * @throws TemplateException when the resource type has no such attribute
   */
  JsonNode getAtt(String logicalId, String attribute);
}
