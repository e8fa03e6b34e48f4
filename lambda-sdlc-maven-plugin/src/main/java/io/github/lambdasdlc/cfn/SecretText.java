package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A string the template evaluator derived from a NoEcho parameter: the value itself, or what an intrinsic
 * made of it (Fn::Base64, a part of Fn::Split, a Fn::Join or Fn::Sub holding it). CloudFormation masks
 * NoEcho values wherever it describes the stack; marking what derives from them lets the stack's events
 * mask those too, not only the literal value. The mark lives only in memory: a copy read back from the
 * state directory is plain text.
 *
 * <p>A value from a custom resource that answered {@code NoEcho: true} is {@linkplain #masked() masked} too:
 * CloudFormation masks it wherever it is retrieved through Fn::GetAtt, stack outputs included, which it does not do
 * for NoEcho parameters. What derives from a masked value is masked.
 */
public final class SecretText extends TextNode {
  private static final long serialVersionUID = 1L;

  private final boolean masked;

  private SecretText(String value, boolean masked) {
    super(value);
    this.masked = masked;
  }

  public static SecretText of(String value) {
    return new SecretText(value, false);
  }

  /** A value of a NoEcho custom resource's answer: masked in the stack's outputs as well. */
  public static SecretText masked(String value) {
    return new SecretText(value, true);
  }

  /** Whether the value is masked in the stack's outputs too, not only in its events. */
  public boolean masked() {
    return masked;
  }

  /** Whether a value derives from a NoEcho custom resource's answer. */
  public static boolean isMasked(JsonNode node) {
    return node instanceof SecretText s && s.masked;
  }

  /** Whether a value derives from a NoEcho parameter. */
  public static boolean isSecret(JsonNode node) {
    return node instanceof SecretText;
  }

  /** {@code text} as a secret when any of {@code sources} is one, else as plain text. */
  public static TextNode derived(String text, Iterable<JsonNode> sources) {
    TextNode result = TextNode.valueOf(text);
    for (JsonNode source : sources) {
      if (isMasked(source)) {
        return masked(text);
      }
      if (isSecret(source)) {
        result = of(text);
      }
    }
    return result;
  }
}
