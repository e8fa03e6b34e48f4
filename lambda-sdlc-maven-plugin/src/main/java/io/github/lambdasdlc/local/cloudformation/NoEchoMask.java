package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks the values of a stack's NoEcho parameters in what its events show (ResourceProperties, the
 * status reason): CloudFormation returns them "masked as asterisks for any calls that describe the stack or
 * stack events". Events are stored masked, so an event of an earlier value stays masked after an update.
 */
final class NoEchoMask {
  /** Values this short would mask unrelated text when found inside longer strings; they are masked only whole. */
  private static final int MIN_EMBEDDED = 4;

  private NoEchoMask() {
  }

  /** Call with the stack's monitor held. */
  static String text(StackRecord stack, String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : values(stack)) {
      if (out.equals(value)) {
        return StackXml.MASK;
      }
      if (value.length() >= MIN_EMBEDDED) {
        out = out.replace(value, StackXml.MASK);
      }
    }
    return out;
  }

  /** A masked copy of {@code node}; call with the stack's monitor held. */
  static JsonNode json(StackRecord stack, JsonNode node) {
    if (values(stack).isEmpty()) {
      return node;
    }
    return mask(stack, node.deepCopy());
  }

  private static JsonNode mask(StackRecord stack, JsonNode node) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(stack, node.textValue()));
    }
    if (node instanceof ObjectNode o) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        o.set(name, mask(stack, o.get(name)));
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, mask(stack, a.get(i)));
      }
    }
    return node;
  }

  private static List<String> values(StackRecord stack) {
    List<String> values = new ArrayList<>();
    for (String name : stack.noEchoParameters) {
      String v = stack.parameters.get(name);
      if (v != null && !v.isEmpty()) {
        values.add(v);
      }
    }
    return values;
  }
}
