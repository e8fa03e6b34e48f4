package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a CloudFormation template body into JSON nodes: JSON when the body starts with '{', YAML otherwise, with
 * the short-form tags ({@code !Ref}, {@code !GetAtt}, {@code !Sub}, ...) turned into their long forms. The local
 * cloud reads request bodies with it as CloudFormation does; the workflow reads stored and local templates.
 *
 * <p>YAML is only composed into SnakeYAML's node graph and then converted here, so no Java object is ever
 * constructed from the document (nothing like {@code !!java.net.URL} can run). Scalars keep the text
 * CloudFormation sees: a date such as {@code 2010-09-09} stays a string, {@code 1.10} keeps its trailing zero,
 * and only plain decimal numbers become JSON numbers. Booleans follow YAML 1.1 as CloudFormation's parser does
 * (an unquoted {@code yes} is {@code true}). A tag CloudFormation does not know, a duplicate key and a key that
 * is not a scalar are errors.
 *
 * <p>Aliases are refused ({@link Aliases#REFUSE}), as CloudFormation refuses them, or expanded within
 * {@link YamlExpansion}'s bounds ({@link Aliases#EXPAND}) where a template comes from another tool: only
 * {@code aws cloudformation package} and SAM expand them before sending.
 */
public final class TemplateReader {
  /** What an alias ({@code *name}) in a YAML template does. */
  public enum Aliases {
    /** Refused, as CloudFormation's API refuses them. */
    REFUSE,
    /** Expanded into copies of the anchored node, unless the result exceeds {@link YamlExpansion}'s bounds. */
    EXPAND
  }

  private static final ObjectReader JSON = JsonMapper.builder().build().reader()
      .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
  private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
  /**
   * Decimals kept exactly as written ({@code 1.10} stays {@code 1.10}), as CloudFormation passes them on.
   * Jackson deprecates this factory in favour of a mapper feature, but these nodes are made by hand, not by
   * a mapper, so the factory is the only place to say it.
   */
  @SuppressWarnings("deprecation")
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private TemplateReader() {
  }

  /**
   * Reads a body.
   *
   * @throws TemplateException with CloudFormation's {@code Template format error: ...} wording
   */
  public static JsonNode read(String body, Aliases aliases) {
    return body.stripLeading().startsWith("{") ? readJson(body) : readYaml(body, aliases);
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      int line = at == null ? 1 : Math.max(1, at.getLineNr());
      int column = at == null ? 1 : Math.max(1, at.getColumnNr());
      throw new TemplateException("Template format error: JSON not well-formed. (line " + line + ", column "
          + column + ")");
    }
  }

  private static JsonNode readYaml(String body, Aliases aliases) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    Node root;
    try {
      root = new Yaml(options).compose(new StringReader(body));
    } catch (MarkedYAMLException e) {
      throw notWellFormed(e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark());
    } catch (YAMLException e) {
      throw new TemplateException("Template format error: YAML not well-formed. " + e.getMessage());
    }
    if (root == null) {
      return NullNode.getInstance();
    }
    // Measured before any conversion: refusing or bounding aliases here refuses alias bombs and aliases inside
    // their own anchor before they are expanded.
    YamlExpansion.Size size = YamlExpansion.measure(root);
    if (aliases == Aliases.REFUSE && size.aliases() > 0) {
      throw new TemplateException("Template error: YAML aliases are not allowed in CloudFormation templates");
    }
    if (size.problem() != null) {
      throw new TemplateException("Template error: the template's YAML cannot be expanded: " + size.problem());
    }
    return convert(root);
  }

  private static JsonNode convert(Node node) {
    String tag = node.getTag().getValue();
    String function = Intrinsics.SHORT_TAGS.get(tag);
    if (function != null) {
      return shortForm(function, node);
    }
    if (tag.startsWith("!")) {
      // A local tag CloudFormation does not know (such as !Foo).
      throw notWellFormed(node.getStartMark());
    }
    if (node instanceof ScalarNode scalar) {
      return scalar(scalar);
    }
    if (node instanceof SequenceNode sequence && node.getTag().equals(Tag.SEQ)) {
      ArrayNode array = NODES.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(convert(item));
      }
      return array;
    }
    if (node instanceof MappingNode mapping && node.getTag().equals(Tag.MAP)) {
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
          throw notWellFormed(tuple.getKeyNode().getStartMark());
        }
        if (object.has(key.getValue())) {
          throw notWellFormed(key.getStartMark());
        }
        object.set(key.getValue(), convert(tuple.getValueNode()));
      }
      return object;
    }
    throw notWellFormed(node.getStartMark());
  }

  private static JsonNode shortForm(String function, Node node) {
    JsonNode argument;
    if (node instanceof ScalarNode scalar) {
      String text = scalar.getValue();
      if (function.equals(Intrinsics.GET_ATT)) {
        // !GetAtt Resource.Attribute: the attribute may itself contain dots (nested stack outputs).
        int dot = text.indexOf('.');
        ArrayNode parts = NODES.arrayNode();
        if (dot < 0) {
          parts.add(text);
        } else {
          parts.add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        argument = parts;
      } else {
        argument = TextNode.valueOf(text);
      }
    } else if (node instanceof SequenceNode sequence) {
      ArrayNode array = NODES.arrayNode();
      for (Node item : sequence.getValue()) {
        array.add(convert(item));
      }
      argument = array;
    } else {
      MappingNode mapping = (MappingNode) node;
      ObjectNode object = NODES.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof ScalarNode key) || object.has(key.getValue())) {
          throw notWellFormed(tuple.getKeyNode().getStartMark());
        }
        object.set(key.getValue(), convert(tuple.getValueNode()));
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
    if (tag.equals(Tag.INT) && INTEGER.matcher(text).matches()) {
      BigInteger value = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
      // The same node types a JSON template gives, so that equal templates compare equal.
      if (value.bitLength() < 32) {
        return NODES.numberNode(value.intValue());
      }
      return value.bitLength() < 64 ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
    }
    if (tag.equals(Tag.FLOAT) && DECIMAL.matcher(text).matches()) {
      return NODES.numberNode(new BigDecimal(text));
    }
    if (tag.equals(Tag.STR) || tag.equals(Tag.INT) || tag.equals(Tag.FLOAT) || tag.equals(Tag.TIMESTAMP)
        || tag.equals(Tag.BINARY)) {
      // Octal, hexadecimal, sexagesimal numbers, .inf and timestamps keep their text.
      return TextNode.valueOf(text);
    }
    throw notWellFormed(scalar.getStartMark());
  }

  private static TemplateException notWellFormed(Mark mark) {
    if (mark == null) {
      return new TemplateException("Template format error: YAML not well-formed.");
    }
    return new TemplateException("Template format error: YAML not well-formed. (line " + (mark.getLine() + 1)
        + ", column " + (mark.getColumn() + 1) + ")");
  }
}
