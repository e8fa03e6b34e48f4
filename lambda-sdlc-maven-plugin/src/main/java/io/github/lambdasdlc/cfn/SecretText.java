package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A string the template evaluator derived from a NoEcho parameter: the value itself, or what an intrinsic
 * made of it (Fn::Base64, a part of Fn::Split, a Fn::Join or Fn::Sub holding it). CloudFormation masks
 * NoEcho values wherever it describes the stack; marking what derives from them lets the stack's events
 * mask those too, not only the literal value. The mark lives only in memory: a copy read back from the
 * state directory is plain text.
 */
public final class SecretText extends TextNode {
  private static final long serialVersionUID = 1L;

  private SecretText(String value) {
    super(value);
  }

  public static SecretText of(String value) {
    return new SecretText(value);
  }

  /** Whether a value derives from a NoEcho parameter. */
  public static boolean isSecret(JsonNode node) {
    return node instanceof SecretText;
  }

  /** {@code text} as a secret when any of {@code sources} is one, else as plain text. */
  public static TextNode derived(String text, Iterable<JsonNode> sources) {
    for (JsonNode source : sources) {
      if (isSecret(source)) {
        return of(text);
      }
    }
    return TextNode.valueOf(text);
  }
}
