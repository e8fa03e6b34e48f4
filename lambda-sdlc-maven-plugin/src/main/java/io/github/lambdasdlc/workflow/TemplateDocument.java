package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.cfn.TemplateReader;

/**
 * A stack's template body (as GetTemplate returns it) read into JSON nodes, so that the status goal can
 * compare a resource's declared properties with the live resource. YAML short forms ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) become their long forms ({@code {"Ref": "X"}}, ...), read by the
 * {@link TemplateReader} the local cloud uses. Aliases are expanded (other tools may store templates that use
 * them), within {@link io.github.lambdasdlc.cfn.YamlExpansion}'s bounds.
 */
public final class TemplateDocument {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final JsonNode root;

  private TemplateDocument(JsonNode root) {
    this.root = root;
  }

  /**
   * Reads a body: JSON when it starts with '{', YAML otherwise.
   *
   * @throws IllegalArgumentException when it is neither, or its aliases expand it beyond bounds
   */
  public static TemplateDocument parse(String body) {
    try {
      return new TemplateDocument(TemplateReader.read(body, TemplateReader.Aliases.EXPAND));
    } catch (TemplateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The {@code Properties} of resource {@code logicalId}, or an empty object when it has none (or no such resource). */
  public JsonNode resourceProperties(String logicalId) {
    JsonNode props = root.path("Resources").path(logicalId).path("Properties");
    return props.isObject() ? props : NODES.objectNode();
  }

  /** The whole document. */
  public JsonNode root() {
    return root;
  }
}
