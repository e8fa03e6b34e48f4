package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/** The functions of the {@code AWS::LanguageExtensions} transform: {@code Fn::Length} and {@code Fn::ToJsonString}. */
final class LanguageExtensions {
  private LanguageExtensions() {
  }

  /** The number of elements of a list (after its functions are resolved). */
  static JsonNode length(JsonNode value) {
    if (!value.isArray()) {
      throw new TemplateException("Template error: Fn::Length requires a list (or a function that returns one),"
          + " not " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return IntNode.valueOf(value.size());
  }

  /** An object or a list as compact JSON text. */
  static JsonNode toJsonString(JsonNode value) {
    if (!value.isObject() && !value.isArray()) {
      throw new TemplateException("Template error: Fn::ToJsonString requires an object or a list, not "
          + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    return TextNode.valueOf(value.toString());
  }
}
