package io.github.lambdasdlc.cfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CloudFormation's intrinsic functions, evaluated over a {@link Scope} that answers what only its owner knows
 * (parameters, resources, conditions, mappings, exports). The local cloud's stack engine and the workflow's
 * drift check both evaluate templates with it: one implementation of the functions and of their error wording.
 *
 * <p>{@code Fn::GetAZs} answers {@code <region>a}, {@code <region>b} and {@code <region>c}: there are no real
 * Availability Zones to list, and these are the names the first three have in most regions. {@code Fn::Length}
 * and {@code Fn::ToJsonString} are {@code AWS::LanguageExtensions}' (the template check admits them only with it).
 *
 * <p>What one evaluation produces is bounded by {@link #MAX_PRODUCED}: nested functions ({@code Fn::Sub} whose
 * variables are {@code Fn::Sub}s, {@code Fn::Join} of {@code Fn::Split}s) otherwise multiply a few hundred
 * bytes of template into gigabytes. An instance serves one evaluation on one thread.
 */
public final class IntrinsicFunctions {
  /** What {@code Ref AWS::NoValue} evaluates to: the key or list element it stands in is removed. */
  public static final JsonNode NO_VALUE = MissingNode.getInstance();
  /**
   * The most characters (and list items, maps and mapping values copied) one evaluation may produce: 1,000,000,
   * CloudFormation's limit for a whole template, which no resource property of AWS comes near.
   */
  public static final long MAX_PRODUCED = 1_000_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** What the evaluation's owner knows. Each method may throw {@link TemplateException} or {@link Unknown}. */
  public interface Scope {
    /** The value of {@code Ref name} (a parameter, pseudo parameter other than AWS::NoValue, or resource). */
    JsonNode ref(String name);

    /** The value of {@code Fn::GetAtt [logicalId, attribute]}. */
    JsonNode getAtt(String logicalId, String attribute);

    /** The value of a named condition. */
    boolean condition(String name);

    /** The named mapping of the Mappings section, or null when there is none. */
    JsonNode mapping(String name);

    /** The value exported under the name, for {@code Fn::ImportValue}. */
    String importValue(String name);

    /** The region {@code Fn::GetAZs ""} lists zones of. */
    String region();
  }

  /** Thrown by a {@link Scope} for a value that only CloudFormation itself knows: the evaluation cannot finish. */
  public static final class Unknown extends RuntimeException {
    public Unknown(String what) {
      super(what, null, false, false);
    }
  }

  private final Scope scope;
  /** What the evaluation has produced so far; see {@link #MAX_PRODUCED}. */
  private long produced;

  public IntrinsicFunctions(Scope scope) {
    this.scope = scope;
  }

  /**
   * Evaluates a node. The result is {@link #NO_VALUE} where {@code Ref AWS::NoValue} stood.
   *
   * @param conditionContext whether a lone {@code Condition} key is a function here (the Conditions section)
   * @throws TemplateException when a function cannot be evaluated, with CloudFormation's wording
   */
  public JsonNode evaluate(JsonNode node, boolean conditionContext) {
    return eval(node, conditionContext);
  }

  private JsonNode eval(JsonNode node, boolean conditionContext) {
    if (node == null) {
      return NO_VALUE;
    }
    if (node.isArray()) {
      ArrayNode array = NODES.arrayNode();
      for (JsonNode item : node) {
        JsonNode value = eval(item, conditionContext);
        if (!value.isMissingNode()) {
          array.add(value);
        }
      }
      return array;
    }
    if (!node.isObject()) {
      return node;
    }
    String function = Intrinsics.functionOf(node, conditionContext);
    if (function == null) {
      ObjectNode object = NODES.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = eval(field.getValue(), conditionContext);
        if (!value.isMissingNode()) {
          object.set(field.getKey(), value);
        }
      }
      return object;
    }
    return call(function, node.get(function), conditionContext);
  }

  private JsonNode call(String function, JsonNode argument, boolean inCondition) {
    return switch (function) {
      case Intrinsics.REF -> ref(argument);
      case Intrinsics.CONDITION -> BooleanNode.valueOf(scope.condition(requireText(argument, "Condition")));
      case Intrinsics.GET_ATT -> getAtt(argument);
      case Intrinsics.SUB -> sub(argument);
      case Intrinsics.JOIN -> join(argument);
      case Intrinsics.SELECT -> select(argument);
      case Intrinsics.SPLIT -> split(argument);
      case Intrinsics.IF -> ifThenElse(argument, inCondition);
      case Intrinsics.EQUALS -> equalsCondition(argument);
      case Intrinsics.AND, Intrinsics.OR -> andOr(function, argument);
      case Intrinsics.NOT -> not(argument);
      case Intrinsics.FIND_IN_MAP -> findInMap(argument);
      case Intrinsics.IMPORT_VALUE -> importValue(argument);
      case Intrinsics.BASE64 -> base64(argument);
      case Intrinsics.GET_AZS -> getAzs(argument);
      case Intrinsics.CIDR -> Cidr.of(eval(argument, false));
      case Intrinsics.LENGTH -> LanguageExtensions.length(eval(argument, false));
      case Intrinsics.TO_JSON_STRING -> LanguageExtensions.toJsonString(eval(argument, false));
      default -> throw new TemplateException(Intrinsics.unsupportedFunction(function));
    };
  }

  private JsonNode base64(JsonNode argument) {
    JsonNode value = eval(argument, false);
    byte[] bytes = text(value, "Template error: every Fn::Base64 object must have a String-typed value.")
        .getBytes(StandardCharsets.UTF_8);
    charge(Intrinsics.BASE64, 4L * ((bytes.length + 2) / 3));
    return SecretText.derived(Base64.getEncoder().encodeToString(bytes), List.of(value));
  }

  private JsonNode ref(JsonNode argument) {
    String name = requireText(argument, "Template format error: Every Ref object must have a single String value.");
    return name.equals(Intrinsics.NO_VALUE) ? NO_VALUE : scope.ref(name);
  }

  private JsonNode getAtt(JsonNode argument) {
    String shape = "Template error: every Fn::GetAtt object requires two non-empty parameters";
    String logicalId;
    String attribute;
    if (argument.isTextual() && argument.asText().indexOf('.') > 0) {
      int dot = argument.asText().indexOf('.');
      logicalId = argument.asText().substring(0, dot);
      attribute = argument.asText().substring(dot + 1);
    } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
      logicalId = argument.get(0).asText();
      attribute = text(eval(argument.get(1), false), shape);
    } else {
      throw new TemplateException(shape);
    }
    if (logicalId.isEmpty() || attribute.isEmpty()) {
      throw new TemplateException(shape);
    }
    return scope.getAtt(logicalId, attribute);
  }

  private JsonNode sub(JsonNode argument) {
    String shape = "Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. "
        + "Specify a string as first argument, and an optional second argument to specify a mapping of values "
        + "to replace in the string";
    JsonNode text = argument;
    Map<String, JsonNode> variables = Map.of();
    if (argument.isArray()) {
      if (argument.size() != 2 || !argument.get(1).isObject()) {
        throw new TemplateException(shape);
      }
      text = argument.get(0);
      variables = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = argument.get(1).properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> variable = it.next();
        variables.put(variable.getKey(), eval(variable.getValue(), false));
      }
    }
    if (!text.isTextual()) {
      throw new TemplateException(shape);
    }
    StringBuilder result = new StringBuilder();
    List<JsonNode> used = new ArrayList<>();
    for (SubString.Part part : SubString.parse(text.asText())) {
      if (!part.variable()) {
        result.append(part.text());
        continue;
      }
      String name = part.text();
      JsonNode value;
      if (variables.containsKey(name)) {
        value = variables.get(name);
      } else if (name.indexOf('.') > 0 && !name.startsWith("AWS::")) {
        int dot = name.indexOf('.');
        value = scope.getAtt(name.substring(0, dot), name.substring(dot + 1));
      } else {
        value = ref(TextNode.valueOf(name));
      }
      String resolved = text(value, "Template error: variable " + name + " in Fn::Sub expression does not resolve "
          + "to a string");
      charge(Intrinsics.SUB, resolved.length());
      result.append(resolved);
      used.add(value);
    }
    return SecretText.derived(result.toString(), used);
  }

  private JsonNode join(JsonNode argument) {
    String shape = "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and "
        + "(2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) "
        + "to be joined.";
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
      throw new TemplateException(shape);
    }
    JsonNode list = eval(argument.get(1), false);
    if (!list.isArray()) {
      throw new TemplateException(shape);
    }
    List<String> items = new ArrayList<>();
    long length = 0;
    for (JsonNode item : list) {
      items.add(text(item, shape));
      length += items.get(items.size() - 1).length() + argument.get(0).asText().length();
    }
    charge(Intrinsics.JOIN, length);
    return SecretText.derived(String.join(argument.get(0).asText(), items), list);
  }

  private JsonNode select(JsonNode argument) {
    String shape = "Template error: Fn::Select requires a list argument with two elements: an integer index and "
        + "a list";
    if (!argument.isArray() || argument.size() != 2) {
      throw new TemplateException(shape);
    }
    String indexText = text(eval(argument.get(0), false), shape).strip();
    int index;
    try {
      index = Integer.parseInt(indexText);
    } catch (NumberFormatException e) {
      throw new TemplateException("Template error: Fn::Select requires an integer index, not " + indexText);
    }
    JsonNode list = eval(argument.get(1), false);
    if (!list.isArray()) {
      throw new TemplateException(shape);
    }
    if (index < 0 || index >= list.size()) {
      throw new TemplateException("Template error: Fn::Select cannot select nonexistent value at index " + index);
    }
    return list.get(index);
  }

  private JsonNode split(JsonNode argument) {
    String shape = "Template error: every Fn::Split object requires two parameters, (1) a string delimiter and "
        + "(2) a string to be split or a function that returns a string to be split.";
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()
        || argument.get(0).asText().isEmpty()) {
      throw new TemplateException(shape);
    }
    JsonNode value = eval(argument.get(1), false);
    String source = text(value, shape);
    String delimiter = argument.get(0).asText();
    long count = 1;
    for (int at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, at + delimiter.length())) {
      count++;
    }
    charge(Intrinsics.SPLIT, count + source.length());
    ArrayNode parts = NODES.arrayNode();
    for (String part : source.split(Pattern.quote(argument.get(0).asText()), -1)) {
      parts.add(SecretText.derived(part, List.of(value)));
    }
    return parts;
  }

  private JsonNode ifThenElse(JsonNode argument, boolean inCondition) {
    if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
      throw new TemplateException("Template error: Fn::If requires a list argument with three elements");
    }
    boolean holds = scope.condition(argument.get(0).asText());
    return eval(argument.get(holds ? 1 : 2), inCondition);
  }

  private JsonNode equalsCondition(JsonNode argument) {
    if (!argument.isArray() || argument.size() != 2) {
      throw new TemplateException("Template error: every Fn::Equals object requires a list of 2 string "
          + "parameters.");
    }
    JsonNode left = eval(argument.get(0), false);
    JsonNode right = eval(argument.get(1), false);
    // Values compare as CloudFormation sees them: a Number parameter's "1" equals the literal 1.
    boolean equal = left.isValueNode() && right.isValueNode() ? left.asText().equals(right.asText())
        : left.equals(right);
    return BooleanNode.valueOf(equal);
  }

  private JsonNode andOr(String function, JsonNode argument) {
    if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
      throw new TemplateException("Template error: every " + function + " object requires a list of at least 2 "
          + "and at most 10 boolean parameters.");
    }
    boolean and = function.equals(Intrinsics.AND);
    boolean result = and;
    for (JsonNode operand : argument) {
      boolean value = bool(eval(operand, true), function);
      result = and ? result && value : result || value;
    }
    return BooleanNode.valueOf(result);
  }

  private JsonNode not(JsonNode argument) {
    if (!argument.isArray() || argument.size() != 1) {
      throw new TemplateException("Template error: every Fn::Not object requires a list of 1 boolean parameter.");
    }
    return BooleanNode.valueOf(!bool(eval(argument.get(0), true), Intrinsics.NOT));
  }

  private static boolean bool(JsonNode value, String function) {
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual() && (value.asText().equals("true") || value.asText().equals("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    throw new TemplateException("Template error: every " + function + " object requires boolean parameters.");
  }

  private JsonNode findInMap(JsonNode argument) {
    String shape = "Template error: every Fn::FindInMap object requires three parameters, the map name, map key "
        + "and the attribute for return value";
    if (!argument.isArray() || argument.size() != 3) {
      throw new TemplateException(shape);
    }
    String map = text(eval(argument.get(0), false), shape);
    String top = text(eval(argument.get(1), false), shape);
    String second = text(eval(argument.get(2), false), shape);
    JsonNode mapping = scope.mapping(map);
    if (mapping == null) {
      throw new TemplateException("Template error: Mapping named '" + map
          + "' is not present in the 'Mappings' section of template.");
    }
    JsonNode value = mapping.path(top).path(second);
    if (value.isMissingNode() || value.isNull()) {
      throw new TemplateException("Template error: Unable to get mapping for " + map + "::" + top + "::" + second);
    }
    charge(Intrinsics.FIND_IN_MAP, size(value));
    return value.deepCopy();
  }

  private JsonNode importValue(JsonNode argument) {
    String name = text(eval(argument, false), "Template error: every Fn::ImportValue object requires "
        + "a string parameter.");
    return TextNode.valueOf(scope.importValue(name));
  }

  private JsonNode getAzs(JsonNode argument) {
    String region = text(eval(argument, false), "Template error: every Fn::GetAZs object requires a "
        + "string parameter.");
    if (region.isEmpty()) {
      region = scope.region();
    }
    ArrayNode zones = NODES.arrayNode();
    for (String suffix : List.of("a", "b", "c")) {
      zones.add(region + suffix);
    }
    return zones;
  }

  /**
   * Counts what the evaluation produces, before it is built.
   *
   * @throws TemplateException past {@link #MAX_PRODUCED}
   */
  private void charge(String function, long amount) {
    produced += amount;
    if (produced > MAX_PRODUCED) {
      throw new TemplateException("Template error: " + function + " produces more than " + String.format("%,d",
          MAX_PRODUCED) + " characters in one resource or section; CloudFormation limits a template to 1 MB and"
          + " each resource property to what its type allows");
    }
  }

  /** Characters and nodes of a value. */
  private static long size(JsonNode value) {
    long n = 1;
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        n += field.getKey().length() + size(field.getValue());
      }
    } else if (value.isArray()) {
      for (JsonNode item : value) {
        n += size(item);
      }
    } else if (value.isTextual()) {
      n += value.asText().length();
    }
    return n;
  }

  private static String requireText(JsonNode value, String message) {
    if (!value.isTextual()) {
      throw new TemplateException(message);
    }
    return value.asText();
  }

  /** A scalar's text (numbers and booleans as CloudFormation prints them); lists and maps are an error. */
  private static String text(JsonNode value, String message) {
    if (value == null || !value.isValueNode() || value.isNull()) {
      throw new TemplateException(message);
    }
    return value.asText();
  }
}
