package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.yaml.YamlExpansion;
import java.io.StringReader;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A stack's template body (as GetTemplate returns it) read into JSON nodes, so that the status goal can
 * compare a resource's declared properties with the live resource. YAML short forms ({@code !Ref X},
 * {@code !GetAtt A.B}, {@code !Sub ...}) become their long forms ({@code {"Ref": "X"}}, ...). Only SnakeYAML's
 * node graph is used, so no Java object is ever constructed from the text. Aliases are expanded (other tools
 * may store templates that use them), within {@link YamlExpansion}'s bounds.
 */
public final class TemplateDocument {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");

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
    if (body.stripLeading().startsWith("{")) {
      try {
        return new TemplateDocument(JSON.readTree(body));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("the template is not well-formed JSON: " + e.getOriginalMessage(), e);
      }
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(50);
    try {
      Node node = new Yaml(options).compose(new StringReader(body));
      String tooLarge = node == null ? null : YamlExpansion.measure(node).problem();
      if (tooLarge != null) {
        throw new IllegalArgumentException("the template cannot be read: " + tooLarge);
      }
      return new TemplateDocument(node == null ? NullNode.getInstance() : convert(node));
    } catch (YAMLException e) {
      throw new IllegalArgumentException("the template is not well-formed YAML: " + e.getMessage(), e);
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

  private static JsonNode convert(Node node) {
    String tag = node.getTag().getValue();
    if (tag.startsWith("!") && !tag.startsWith("!!")) {
      return shortForm(tag.substring(1), node);
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      sequence.getValue().forEach(item -> array.add(convert(item)));
      return array;
    }
    MappingNode mapping = (MappingNode) node;
    ObjectNode object = NODES.objectNode();
    for (NodeTuple tuple : mapping.getValue()) {
      String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(tuple.getKeyNode());
      object.set(key, convert(tuple.getValueNode()));
    }
    return object;
  }

  /** {@code !Name arg} as CloudFormation's long form: {@code Ref}, {@code Condition}, else {@code Fn::Name}. */
  private static JsonNode shortForm(String name, Node node) {
    String function = name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
    JsonNode argument;
    if (node instanceof ScalarNode scalar) {
      String text = scalar.getValue();
      int dot = text.indexOf('.');
      argument = function.equals("Fn::GetAtt") && dot > 0
          ? NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1))
          : TextNode.valueOf(text);
    } else if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      sequence.getValue().forEach(item -> array.add(convert(item)));
      argument = array;
    } else {
      MappingNode mapping = (MappingNode) node;
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        object.set(((ScalarNode) tuple.getKeyNode()).getValue(), convert(tuple.getValueNode()));
      }
      argument = object;
    }
    return NODES.objectNode().set(function, argument);
  }

  private static JsonNode scalar(ScalarNode scalar) {
    String text = scalar.getValue();
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return NullNode.getInstance();
    }
    if (tag.equals(Tag.BOOL)) {
      return BooleanNode.valueOf(TRUE.contains(text));
    }
    if (tag.equals(Tag.INT)) {
      try {
        return NODES.numberNode(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
      } catch (NumberFormatException e) {
        return TextNode.valueOf(text); // octal, hexadecimal, sexagesimal: CloudFormation keeps the text
      }
    }
    return TextNode.valueOf(text);
  }
}
