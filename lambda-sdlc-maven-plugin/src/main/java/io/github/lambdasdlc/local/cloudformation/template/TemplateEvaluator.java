package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Evaluates one template for one stack operation: its conditions, the order its resources must be
 * created in, and each resource's properties once the resources it refers to exist.
 *
 * <p>{@code Fn::GetAZs} answers {@code <region>a}, {@code <region>b} and {@code <region>c}: the local cloud has
 * no real Availability Zones, and these are the names the first three have in most regions. {@code Fn::Cidr} is
 * not evaluated (a clear error says so). An evaluator may be shared between threads: conditions are computed
 * when it is made, the dependency graph once, and each resolution under its lock.
 *
 * <p>What one resolution (a resource's properties or metadata, the outputs, the conditions) produces is
 * bounded by {@link #MAX_PRODUCED}: nested functions ({@code Fn::Sub} whose variables are {@code Fn::Sub}s,
 * {@code Fn::Join} of {@code Fn::Split}s) otherwise multiply a few hundred bytes of template into gigabytes.
 */
public final class TemplateEvaluator {
  /** What {@code Ref AWS::NoValue} evaluates to: the key or list element it stands in is removed. */
  private static final JsonNode NO_VALUE = MissingNode.getInstance();
  /**
   * The most characters (and list items, maps and mapping values copied) one resolution may produce: 1,000,000,
   * CloudFormation's limit for a whole template, which no resource property of AWS comes near.
   */
  public static final long MAX_PRODUCED = 1_000_000;

  private final Template template;
  private final Map<String, String> parameterValues;
  private final PseudoParameters pseudo;
  private final ImportResolver imports;
  private final Map<String, Boolean> conditions = new LinkedHashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private Map<String, Set<String>> dependencies;
  /** What the resolution in progress has produced so far; see {@link #MAX_PRODUCED}. */
  private long produced;

  TemplateEvaluator(Template template, Map<String, String> parameterValues, PseudoParameters pseudo,
      ImportResolver imports) {
    this.template = template;
    this.parameterValues = Map.copyOf(parameterValues);
    this.pseudo = pseudo;
    this.imports = imports;
    for (Iterator<String> names = template.conditions().fieldNames(); names.hasNext(); ) {
      condition(names.next());
    }
  }

  /** Every condition's value. */
  public Map<String, Boolean> conditions() {
    return Collections.unmodifiableMap(conditions);
  }

  /** Whether the resource's condition holds (true when it has none). */
  public boolean isIncluded(String logicalId) {
    ResourceDeclaration resource = declaration(logicalId);
    return resource.condition() == null || conditions.get(resource.condition());
  }

  /**
   * The resources whose condition holds, in an order where each comes after everything it depends on
   * (DependsOn, Ref, Fn::GetAtt, Fn::Sub references); ties keep template order.
   *
   * @throws TemplateException on a cycle: {@code Circular dependency between resources: [A, B]}
   */
  public List<String> creationOrder() {
    return DependencyGraph.order(dependencies());
  }

  /** The logical ids a resource depends on, explicitly or through references. */
  public Set<String> dependenciesOf(String logicalId) {
    declaration(logicalId);
    Set<String> found = dependencies().get(logicalId);
    return found == null ? Set.of() : Collections.unmodifiableSet(found);
  }

  /**
   * The resource's Properties with every intrinsic function evaluated and {@code AWS::NoValue} removed.
   *
   * @throws TemplateException when a function cannot be evaluated
   */
  public synchronized JsonNode resolveProperties(String logicalId, ResourceAttributes resources) {
    produced = 0;
    ResourceDeclaration resource = declaration(logicalId);
    if (!isIncluded(logicalId)) {
      throw new TemplateException("Resource " + logicalId + " is not created: its condition "
          + resource.condition() + " is false");
    }
    JsonNode value = eval(resource.properties(), resources, false);
    return value.isMissingNode() ? Json.MAPPER.createObjectNode() : value;
  }

  /** The resource's Metadata evaluated like its Properties, or null when it has none. */
  public synchronized JsonNode resolveMetadata(String logicalId, ResourceAttributes resources) {
    produced = 0;
    declaration(logicalId);
    JsonNode metadata = template.resourceMetadata(logicalId);
    if (metadata == null) {
      return null;
    }
    JsonNode value = eval(metadata, resources, false);
    return value.isMissingNode() ? null : value;
  }

  /** The outputs whose condition holds, evaluated. */
  public synchronized List<ResolvedOutput> resolveOutputs(ResourceAttributes resources) {
    produced = 0;
    List<ResolvedOutput> resolved = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.outputs().properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode output = entry.getValue();
      JsonNode condition = output.get("Condition");
      if (condition != null && !conditions.get(condition.asText())) {
        continue;
      }
      String value = outputText(eval(output.get("Value"), resources, false), "Value");
      String exportName = null;
      if (output.has("Export")) {
        exportName = outputText(eval(output.get("Export").get("Name"), resources, false), "Name");
      }
      JsonNode description = output.get("Description");
      resolved.add(new ResolvedOutput(entry.getKey(), value, description == null ? null : description.asText(),
          exportName));
    }
    return resolved;
  }

  private static String outputText(JsonNode value, String field) {
    if (value.isArray()) {
      throw new TemplateException("Template format error: The " + field
          + " field of every Outputs member must evaluate to a String and not a List.");
    }
    if (value.isObject()) {
      throw new TemplateException("Template format error: The " + field
          + " field of every Outputs member must evaluate to a String and not a Map.");
    }
    if (value.isMissingNode() || value.isNull()) {
      throw new TemplateException("Template format error: Every " + field + " member must be a string.");
    }
    return value.asText();
  }

  private ResourceDeclaration declaration(String logicalId) {
    ResourceDeclaration resource = template.resources().get(logicalId);
    if (resource == null) {
      throw new TemplateException("Resource " + logicalId + " is not declared in the template");
    }
    return resource;
  }

  /**
   * Each included resource's dependencies: DependsOn and the references in its Properties and Metadata, on
   * the branch of each Fn::If that its condition selects. Naming a resource its condition leaves out is a
   * template error, as on AWS.
   */
  private synchronized Map<String, Set<String>> dependencies() {
    if (dependencies != null) {
      return dependencies;
    }
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    for (ResourceDeclaration resource : template.resources().values()) {
      if (!isIncluded(resource.logicalId())) {
        continue;
      }
      ReferenceCollector found = new ReferenceCollector(conditions::get, false).visit(resource.properties())
          .visit(template.resourceMetadata(resource.logicalId()));
      Set<String> names = new LinkedHashSet<>(resource.dependsOn());
      for (String name : found.allNames()) {
        if (template.resources().containsKey(name)) {
          names.add(name);
        }
      }
      Set<String> excluded = new LinkedHashSet<>();
      for (String name : names) {
        if (!isIncluded(name)) {
          excluded.add(name);
        }
      }
      if (!excluded.isEmpty()) {
        throw new TemplateException("Template format error: Unresolved resource dependencies " + excluded
            + " in the Resources block of the template");
      }
      graph.put(resource.logicalId(), names);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = template.outputs().properties().iterator(); it.hasNext(); ) {
      JsonNode output = it.next().getValue();
      JsonNode condition = output.get("Condition");
      if (condition != null && !conditions.get(condition.asText())) {
        continue;
      }
      ReferenceCollector found = new ReferenceCollector(conditions::get, false).visit(output.get("Value"))
          .visit(output.get("Export"));
      Set<String> excluded = new LinkedHashSet<>();
      for (String name : found.allNames()) {
        if (template.resources().containsKey(name) && !isIncluded(name)) {
          excluded.add(name);
        }
      }
      if (!excluded.isEmpty()) {
        throw new TemplateException("Template format error: Unresolved resource dependencies " + excluded
            + " in the Outputs block of the template");
      }
    }
    dependencies = graph;
    return graph;
  }

  private boolean condition(String name) {
    Boolean known = conditions.get(name);
    if (known != null) {
      return known;
    }
    JsonNode definition = template.conditions().get(name);
    if (definition == null) {
      throw new TemplateException("Template error: unresolved condition dependency " + name + " in Fn::If");
    }
    if (!evaluating.add(name)) {
      throw new TemplateException("Template error: Circular dependency between conditions: " + evaluating);
    }
    JsonNode value = eval(definition, null, true);
    evaluating.remove(name);
    if (!value.isBoolean()) {
      throw new TemplateException("Template format error: Conditions can only be boolean operations on "
          + "parameters and other conditions");
    }
    conditions.put(name, value.asBoolean());
    return value.asBoolean();
  }

  /**
   * Evaluates a node. The result is {@link #NO_VALUE} where {@code Ref AWS::NoValue} stood.
   *
   * @param resources null where resources cannot be named (the Conditions section)
   */
  private JsonNode eval(JsonNode node, ResourceAttributes resources, boolean conditionContext) {
    if (node == null) {
      return NO_VALUE;
    }
    if (node.isArray()) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      for (JsonNode item : node) {
        JsonNode value = eval(item, resources, conditionContext);
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
      ObjectNode object = Json.MAPPER.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        JsonNode value = eval(field.getValue(), resources, conditionContext);
        if (!value.isMissingNode()) {
          object.set(field.getKey(), value);
        }
      }
      return object;
    }
    return call(function, node.get(function), resources, conditionContext);
  }

  private JsonNode call(String function, JsonNode argument, ResourceAttributes resources, boolean inCondition) {
    return switch (function) {
      case Intrinsics.REF -> ref(argument, resources);
      case Intrinsics.CONDITION -> BooleanNode.valueOf(condition(requireText(argument, "Condition")));
      case Intrinsics.GET_ATT -> getAtt(argument, resources);
      case Intrinsics.SUB -> sub(argument, resources);
      case Intrinsics.JOIN -> join(argument, resources);
      case Intrinsics.SELECT -> select(argument, resources);
      case Intrinsics.SPLIT -> split(argument, resources);
      case Intrinsics.IF -> ifThenElse(argument, resources, inCondition);
      case Intrinsics.EQUALS -> equalsCondition(argument, resources);
      case Intrinsics.AND, Intrinsics.OR -> andOr(function, argument, resources);
      case Intrinsics.NOT -> not(argument, resources);
      case Intrinsics.FIND_IN_MAP -> findInMap(argument, resources);
      case Intrinsics.IMPORT_VALUE -> importValue(argument, resources);
      case Intrinsics.BASE64 -> base64(argument, resources);
      case Intrinsics.GET_AZS -> getAzs(argument, resources);
      case Intrinsics.CIDR -> throw new TemplateException("Template error: Fn::Cidr is not supported by the "
          + "local cloud");
      default -> throw new TemplateException(Intrinsics.unsupportedFunction(function));
    };
  }

  private JsonNode base64(JsonNode argument, ResourceAttributes resources) {
    JsonNode value = eval(argument, resources, false);
    byte[] bytes = text(value, "Template error: every Fn::Base64 object must have a String-typed value.")
        .getBytes(StandardCharsets.UTF_8);
    charge(Intrinsics.BASE64, 4L * ((bytes.length + 2) / 3));
    return SecretText.derived(Base64.getEncoder().encodeToString(bytes), List.of(value));
  }

  private JsonNode ref(JsonNode argument, ResourceAttributes resources) {
    String name = requireText(argument, "Template format error: Every Ref object must have a single String value.");
    JsonNode pseudoValue = pseudo(name);
    if (pseudoValue != null) {
      return pseudoValue;
    }
    ParameterDeclaration parameter = template.parameters().get(name);
    if (parameter != null) {
      String value = parameterValues.get(name);
      if (value == null) {
        throw new TemplateException("Parameters: [" + name + "] must have values");
      }
      boolean secret = parameter.noEcho();
      if (ParameterTypes.isList(parameter.type())) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        ParameterTypes.members(value).forEach(m -> list.add(secret ? SecretText.of(m) : TextNode.valueOf(m)));
        return list;
      }
      return secret ? SecretText.of(value) : TextNode.valueOf(value);
    }
    if (template.resources().containsKey(name)) {
      if (resources == null) {
        throw new TemplateException("Template format error: Unresolved dependencies [" + name
            + "]. Cannot reference resources in the Conditions block of the template");
      }
      requireIncluded(name);
      return TextNode.valueOf(resources.ref(name));
    }
    throw new TemplateException("Template format error: Unresolved resource dependencies [" + name
        + "] in the Resources block of the template");
  }

  private JsonNode pseudo(String name) {
    return switch (name) {
      case Intrinsics.REGION -> TextNode.valueOf(pseudo.region());
      case Intrinsics.ACCOUNT_ID -> TextNode.valueOf(pseudo.accountId());
      case Intrinsics.STACK_NAME -> TextNode.valueOf(pseudo.stackName());
      case Intrinsics.STACK_ID -> TextNode.valueOf(pseudo.stackId());
      case Intrinsics.PARTITION -> TextNode.valueOf(pseudo.partition());
      case Intrinsics.URL_SUFFIX -> TextNode.valueOf(pseudo.urlSuffix());
      case Intrinsics.NO_VALUE -> NO_VALUE;
      case Intrinsics.NOTIFICATION_ARNS -> Json.MAPPER.createArrayNode();
      default -> null;
    };
  }

  private void requireIncluded(String logicalId) {
    if (!isIncluded(logicalId)) {
      throw new TemplateException("Template format error: Unresolved resource dependencies [" + logicalId
          + "] in the Resources block of the template");
    }
  }

  private JsonNode getAtt(JsonNode argument, ResourceAttributes resources) {
    String shape = "Template error: every Fn::GetAtt object requires two non-empty parameters";
    String logicalId;
    String attribute;
    if (argument.isTextual() && argument.asText().indexOf('.') > 0) {
      int dot = argument.asText().indexOf('.');
      logicalId = argument.asText().substring(0, dot);
      attribute = argument.asText().substring(dot + 1);
    } else if (argument.isArray() && argument.size() == 2 && argument.get(0).isTextual()) {
      logicalId = argument.get(0).asText();
      attribute = text(eval(argument.get(1), resources, false), shape);
    } else {
      throw new TemplateException(shape);
    }
    if (logicalId.isEmpty() || attribute.isEmpty()) {
      throw new TemplateException(shape);
    }
    return attribute(logicalId, attribute, resources);
  }

  private JsonNode attribute(String logicalId, String attribute, ResourceAttributes resources) {
    if (!template.resources().containsKey(logicalId)) {
      throw new TemplateException("Template error: instance of Fn::GetAtt references undefined resource "
          + logicalId);
    }
    if (resources == null) {
      throw new TemplateException("Template format error: Unresolved dependencies [" + logicalId
          + "]. Cannot reference resources in the Conditions block of the template");
    }
    requireIncluded(logicalId);
    return resources.getAtt(logicalId, attribute);
  }

  private JsonNode sub(JsonNode argument, ResourceAttributes resources) {
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
        variables.put(variable.getKey(), eval(variable.getValue(), resources, false));
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
        value = attribute(name.substring(0, dot), name.substring(dot + 1), resources);
      } else {
        value = ref(TextNode.valueOf(name), resources);
      }
      String resolved = text(value, "Template error: variable " + name + " in Fn::Sub expression does not resolve "
          + "to a string");
      charge(Intrinsics.SUB, resolved.length());
      result.append(resolved);
      used.add(value);
    }
    return SecretText.derived(result.toString(), used);
  }

  private JsonNode join(JsonNode argument, ResourceAttributes resources) {
    String shape = "Template error: every Fn::Join object requires two parameters, (1) a string delimiter and "
        + "(2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) "
        + "to be joined.";
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()) {
      throw new TemplateException(shape);
    }
    JsonNode list = eval(argument.get(1), resources, false);
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

  private JsonNode select(JsonNode argument, ResourceAttributes resources) {
    String shape = "Template error: Fn::Select requires a list argument with two elements: an integer index and "
        + "a list";
    if (!argument.isArray() || argument.size() != 2) {
      throw new TemplateException(shape);
    }
    String indexText = text(eval(argument.get(0), resources, false), shape).strip();
    int index;
    try {
      index = Integer.parseInt(indexText);
    } catch (NumberFormatException e) {
      throw new TemplateException("Template error: Fn::Select requires an integer index, not " + indexText);
    }
    JsonNode list = eval(argument.get(1), resources, false);
    if (!list.isArray()) {
      throw new TemplateException(shape);
    }
    if (index < 0 || index >= list.size()) {
      throw new TemplateException("Template error: Fn::Select cannot select nonexistent value at index " + index);
    }
    return list.get(index);
  }

  private JsonNode split(JsonNode argument, ResourceAttributes resources) {
    String shape = "Template error: every Fn::Split object requires two parameters, (1) a string delimiter and "
        + "(2) a string to be split or a function that returns a string to be split.";
    if (!argument.isArray() || argument.size() != 2 || !argument.get(0).isTextual()
        || argument.get(0).asText().isEmpty()) {
      throw new TemplateException(shape);
    }
    JsonNode value = eval(argument.get(1), resources, false);
    String source = text(value, shape);
    String delimiter = argument.get(0).asText();
    long count = 1;
    for (int at = source.indexOf(delimiter); at >= 0; at = source.indexOf(delimiter, at + delimiter.length())) {
      count++;
    }
    charge(Intrinsics.SPLIT, count + source.length());
    ArrayNode parts = Json.MAPPER.createArrayNode();
    for (String part : source.split(Pattern.quote(argument.get(0).asText()), -1)) {
      parts.add(SecretText.derived(part, List.of(value)));
    }
    return parts;
  }

  private JsonNode ifThenElse(JsonNode argument, ResourceAttributes resources, boolean inCondition) {
    if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
      throw new TemplateException("Template error: Fn::If requires a list argument with three elements");
    }
    boolean holds = condition(argument.get(0).asText());
    return eval(argument.get(holds ? 1 : 2), resources, inCondition);
  }

  private JsonNode equalsCondition(JsonNode argument, ResourceAttributes resources) {
    if (!argument.isArray() || argument.size() != 2) {
      throw new TemplateException("Template error: every Fn::Equals object requires a list of 2 string "
          + "parameters.");
    }
    JsonNode left = eval(argument.get(0), resources, false);
    JsonNode right = eval(argument.get(1), resources, false);
    // Values compare as CloudFormation sees them: a Number parameter's "1" equals the literal 1.
    boolean equal = left.isValueNode() && right.isValueNode() ? left.asText().equals(right.asText())
        : left.equals(right);
    return BooleanNode.valueOf(equal);
  }

  private JsonNode andOr(String function, JsonNode argument, ResourceAttributes resources) {
    if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
      throw new TemplateException("Template error: every " + function + " object requires a list of at least 2 "
          + "and at most 10 boolean parameters.");
    }
    boolean and = function.equals(Intrinsics.AND);
    boolean result = and;
    for (JsonNode operand : argument) {
      boolean value = bool(eval(operand, resources, true), function);
      result = and ? result && value : result || value;
    }
    return BooleanNode.valueOf(result);
  }

  private JsonNode not(JsonNode argument, ResourceAttributes resources) {
    if (!argument.isArray() || argument.size() != 1) {
      throw new TemplateException("Template error: every Fn::Not object requires a list of 1 boolean parameter.");
    }
    return BooleanNode.valueOf(!bool(eval(argument.get(0), resources, true), Intrinsics.NOT));
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

  private JsonNode findInMap(JsonNode argument, ResourceAttributes resources) {
    if (!argument.isArray() || argument.size() != 3) {
      throw new TemplateException("Template error: every Fn::FindInMap object requires three parameters, the "
          + "map name, map key and the attribute for return value");
    }
    String shape = "Template error: every Fn::FindInMap object requires three parameters, the map name, map key "
        + "and the attribute for return value";
    String map = text(eval(argument.get(0), resources, false), shape);
    String top = text(eval(argument.get(1), resources, false), shape);
    String second = text(eval(argument.get(2), resources, false), shape);
    JsonNode mapping = template.mappings().get(map);
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

  private JsonNode importValue(JsonNode argument, ResourceAttributes resources) {
    String name = text(eval(argument, resources, false), "Template error: every Fn::ImportValue object requires "
        + "a string parameter.");
    return TextNode.valueOf(imports.importValue(name)
        .orElseThrow(() -> new TemplateException("No export named " + name + " found")));
  }

  /**
   * Counts what the resolution in progress produces, before it is built.
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

  private JsonNode getAzs(JsonNode argument, ResourceAttributes resources) {
    String region = text(eval(argument, resources, false), "Template error: every Fn::GetAZs object requires a "
        + "string parameter.");
    if (region.isEmpty()) {
      region = pseudo.region();
    }
    ArrayNode zones = Json.MAPPER.createArrayNode();
    for (String suffix : List.of("a", "b", "c")) {
      zones.add(region + suffix);
    }
    return zones;
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
