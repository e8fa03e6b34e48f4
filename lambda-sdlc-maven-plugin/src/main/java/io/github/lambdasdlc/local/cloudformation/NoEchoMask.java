package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.cfn.SecretText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Masks the values of a stack's NoEcho parameters in what its events show (ResourceProperties, the
 * status reason): CloudFormation returns them "masked as asterisks for any calls that describe the stack or
 * stack events". Events are stored masked, so an event of an earlier value stays masked after an update.
 *
 * <p>What is masked: the parameters' values; every value the template evaluator derived from them
 * ({@link SecretText}: Fn::Base64 of one, a part of its Fn::Split, a Fn::Join or Fn::Sub holding it); and each of
 * those as a failure message may echo it, JSON-escaped (a value with a quote or a backslash).
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

  /**
   * A masked copy of {@code node}; its values derived from NoEcho parameters are remembered for the
   * reasons of later events. Call with the stack's monitor held.
   */
  static JsonNode json(StackRecord stack, JsonNode node) {
    remember(stack, node);
    if (values(stack).isEmpty()) {
      return node;
    }
    return mask(stack, node.deepCopy());
  }

  private static void remember(StackRecord stack, JsonNode node) {
    if (SecretText.isSecret(node)) {
      stack.derivedSecrets.add(node.textValue());
    } else if (node.isContainerNode()) {
      node.forEach(child -> remember(stack, child));
    }
  }

  private static JsonNode mask(StackRecord stack, JsonNode node) {
    if (SecretText.isSecret(node)) {
      return TextNode.valueOf(StackXml.MASK);
    }
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

  /** The secrets and their escaped forms, longest first so that a value inside another is not half-masked. */
  private static List<String> values(StackRecord stack) {
    Set<String> secrets = new LinkedHashSet<>();
    for (String name : stack.noEchoParameters) {
      String v = stack.parameters.get(name);
      if (v != null && !v.isEmpty()) {
        secrets.add(v);
      }
    }
    secrets.addAll(stack.derivedSecrets);
    Set<String> forms = new LinkedHashSet<>();
    for (String secret : secrets) {
      forms.add(secret);
      forms.add(new String(JsonStringEncoder.getInstance().quoteAsString(secret)));
    }
    forms.remove("");
    List<String> sorted = new ArrayList<>(forms);
    sorted.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return sorted;
  }
}
