package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A parsed and structurally validated CloudFormation template (JSON, or YAML with the short-form tags
 * {@code !Ref}, {@code !GetAtt}, {@code !Sub}, ... turned into their {@code Fn::} forms).
 *
 * <p>What the local cloud leaves out, and says so: a {@code Transform} (it runs no macros, so neither
 * {@code AWS::Serverless-2016-10-31} nor {@code AWS::LanguageExtensions}) and {@code Fn::Transform} are rejected;
 * {@code Rules} and {@code Hooks} are accepted but not evaluated; parameters of the Systems Manager types
 * ({@code AWS::SSM::Parameter::Value<...>}) are rejected when values are resolved, as there is no Parameter
 * Store to read.
 */
public final class Template {
  /** CreateStack, UpdateStack and ValidateTemplate take at most this many bytes of TemplateBody. */
  public static final int MAX_BODY_BYTES = 51_200;
  /** The most characters a resource, parameter, output or mapping name may have. */
  static final int MAX_NAME_LENGTH = 255;

  private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
      "Parameters", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Rules", "Hooks");
  private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Metadata",
      "Condition", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "Description");
  private static final Set<String> PARAMETER_PROPERTIES = Set.of("Type", "Default", "Description", "NoEcho",
      "AllowedValues", "AllowedPattern", "MinLength", "MaxLength", "MinValue", "MaxValue", "ConstraintDescription");
  private static final Set<String> OUTPUT_PROPERTIES = Set.of("Value", "Description", "Export", "Condition");
  private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate",
      "Snapshot");
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

  /** IAM resource types that need a capability (the CreateStack reference's list), and their name property. */
  private static final Map<String, String> IAM_TYPES = iamTypes();

  private final String body;
  private final String description;
  private final Map<String, ParameterDeclaration> parameters;
  private final Map<String, ResourceDeclaration> resources;
  private final Map<String, JsonNode> resourceMetadata;
  private final ObjectNode mappings;
  private final ObjectNode conditions;
  private final ObjectNode outputs;

  private Template(String body, String description, Map<String, ParameterDeclaration> parameters,
      Map<String, ResourceDeclaration> resources, Map<String, JsonNode> resourceMetadata, ObjectNode mappings,
      ObjectNode conditions, ObjectNode outputs) {
    this.body = body;
    this.description = description;
    this.parameters = Collections.unmodifiableMap(parameters);
    this.resources = Collections.unmodifiableMap(resources);
    this.resourceMetadata = resourceMetadata;
    this.mappings = mappings;
    this.conditions = conditions;
    this.outputs = outputs;
  }

  /**
   * Parses and validates a template body.
   *
   * @throws TemplateException with CloudFormation's {@code Template format error: ...} wording
   */
  /** CloudFormation's quotas per template: 500 resources, 200 parameters, 200 outputs. */
  static final int MAX_RESOURCES = 500;
  static final int MAX_PARAMETERS = 200;
  static final int MAX_OUTPUTS = 200;

  private static void checkCounts(int parameters, int resources, int outputs) {
    if (resources > MAX_RESOURCES) {
      throw new TemplateException("Template format error: Number of resources, " + resources
          + ", is greater than maximum allowed, " + MAX_RESOURCES);
    }
    if (parameters > MAX_PARAMETERS) {
      throw new TemplateException("Template format error: Parameter count " + parameters
          + " is greater than max allowed " + MAX_PARAMETERS);
    }
    if (outputs > MAX_OUTPUTS) {
      throw new TemplateException("Template format error: Outputs count " + outputs + " is greater than max allowed "
          + MAX_OUTPUTS);
    }
  }

  public static Template parse(String body) {
    if (body == null || body.isBlank()) {
      throw new TemplateException("Template format error: unsupported structure.");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      // The API's own length check: it quotes the whole body, as AWS does.
      throw new TemplateException("1 validation error detected: Value '" + body + "' at 'templateBody' failed to "
          + "satisfy constraint: Member must have length less than or equal to " + MAX_BODY_BYTES);
    }
    JsonNode root = TemplateReader.read(body);
    if (!root.isObject()) {
      throw new TemplateException("Template format error: unsupported structure.");
    }
    Set<String> unknown = new TreeSet<>();
    root.fieldNames().forEachRemaining(name -> {
      if (!SECTIONS.contains(name)) {
        unknown.add(name);
      }
    });
    if (!unknown.isEmpty()) {
      throw new TemplateException("Template format error: Invalid template property or properties " + unknown);
    }
    JsonNode version = root.get("AWSTemplateFormatVersion");
    if (version != null && !(version.isTextual() && version.asText().equals("2010-09-09"))) {
      throw new TemplateException("Template format error: unsupported value for AWSTemplateFormatVersion.");
    }
    if (root.has("Transform")) {
      throw new TemplateException("Template format error: Transform " + root.get("Transform")
          + " is not supported by the local cloud: it runs no macros. Deploy the processed template instead "
          + "(for example the output of 'sam package' or 'aws cloudformation package' after processing).");
    }
    JsonNode description = root.get("Description");
    if (description != null && !description.isTextual()) {
      throw new TemplateException("Template format error: Every Description member must be a string.");
    }
    Map<String, ParameterDeclaration> parameters = parameters(section(root, "Parameters"));
    ObjectNode mappings = mappings(section(root, "Mappings"));
    ObjectNode conditions = section(root, "Conditions");
    Map<String, JsonNode> metadata = new LinkedHashMap<>();
    Map<String, ResourceDeclaration> resources = resources(root.get("Resources"), metadata);
    ObjectNode outputs = outputs(section(root, "Outputs"));
    checkCounts(parameters.size(), resources.size(), outputs.size());

    Template template = new Template(body, description == null ? null : description.asText(), parameters,
        resources, metadata, mappings, conditions, outputs);
    template.checkFunctions(root);
    template.checkReferences();
    template.checkStaticCycles();
    for (ParameterDeclaration parameter : parameters.values()) {
      // CloudFormation checks defaults against their own constraints when it validates the template.
      if (parameter.defaultValue() != null && !ParameterTypes.isSsm(parameter.type())) {
        ParameterTypes.check(parameter, parameter.defaultValue());
      }
    }
    return template;
  }

  /** The body exactly as given, for GetTemplate. */
  public String body() {
    return body;
  }

  /** The template's Description, or null. */
  public String description() {
    return description;
  }

  /** Declared parameters in template order. */
  public Map<String, ParameterDeclaration> parameters() {
    return parameters;
  }

  /** Declared resources in template order. */
  public Map<String, ResourceDeclaration> resources() {
    return resources;
  }

  /**
   * The capabilities CreateStack and UpdateStack must be given: {@code CAPABILITY_IAM} when the template
   * has IAM resources, {@code CAPABILITY_NAMED_IAM} when one of them has a custom name; empty otherwise.
   * (CAPABILITY_NAMED_IAM, when given, also covers IAM resources without custom names.) Resources count whatever
   * their condition, as the capability is a property of the template.
   */
  public Set<String> requiredCapabilities() {
    boolean iam = false;
    for (ResourceDeclaration resource : resources.values()) {
      String nameProperty = IAM_TYPES.get(resource.type());
      if (nameProperty == null) {
        continue;
      }
      iam = true;
      if (!nameProperty.isEmpty() && resource.properties().has(nameProperty)) {
        return Set.of("CAPABILITY_NAMED_IAM");
      }
    }
    return iam ? Set.of("CAPABILITY_IAM") : Set.of();
  }

  /**
   * Checks the given parameter values against the declarations and fills in defaults.
   *
   * @param given the values the caller passed
   * @param previous the values in force before (for UsePreviousValue), empty on create
   * @param usePrevious names the caller asked to keep at their previous values
   * @return every declared parameter's value
   * @throws TemplateException with CloudFormation's wording, such as {@code Parameters: [X] must have values}
   */
  public Map<String, String> resolveParameters(Map<String, String> given, Map<String, String> previous,
      Set<String> usePrevious) {
    Set<String> undeclared = new LinkedHashSet<>();
    for (String name : given.keySet()) {
      if (!parameters.containsKey(name)) {
        undeclared.add(name);
      }
    }
    for (String name : usePrevious) {
      if (!parameters.containsKey(name)) {
        undeclared.add(name);
      }
    }
    if (!undeclared.isEmpty()) {
      throw new TemplateException("Parameters: " + undeclared + " do not exist in the template");
    }
    Map<String, String> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (ParameterDeclaration parameter : parameters.values()) {
      String name = parameter.name();
      String value;
      if (usePrevious.contains(name)) {
        value = previous.get(name);
      } else if (given.containsKey(name)) {
        value = given.get(name);
      } else {
        value = parameter.defaultValue();
      }
      if (value == null) {
        missing.add(name);
      } else {
        values.put(name, value);
      }
    }
    if (!missing.isEmpty()) {
      throw new TemplateException("Parameters: " + missing + " must have values");
    }
    for (ParameterDeclaration parameter : parameters.values()) {
      if (ParameterTypes.isSsm(parameter.type())) {
        throw new TemplateException("Parameter '" + parameter.name() + "' is of type " + parameter.type()
            + ", which the local cloud cannot resolve: it has no Systems Manager Parameter Store. Use a String "
            + "parameter and pass the value itself.");
      }
      ParameterTypes.check(parameter, values.get(parameter.name()));
    }
    return values;
  }

  /**
   * The parameter values as DescribeStacks shows them: {@code ****} for NoEcho parameters.
   */
  public Map<String, String> displayedParameters(Map<String, String> values) {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((name, value) -> {
      ParameterDeclaration declaration = parameters.get(name);
      shown.put(name, declaration != null && declaration.noEcho() ? "****" : value);
    });
    return shown;
  }

  /** An evaluator for one stack operation with these parameter values. */
  public TemplateEvaluator evaluator(Map<String, String> parameterValues, PseudoParameters pseudo,
      ImportResolver imports) {
    return new TemplateEvaluator(this, parameterValues, pseudo, imports);
  }

  ObjectNode mappings() {
    return mappings;
  }

  ObjectNode conditions() {
    return conditions;
  }

  ObjectNode outputs() {
    return outputs;
  }

  JsonNode resourceMetadata(String logicalId) {
    return resourceMetadata.get(logicalId);
  }

  private static ObjectNode section(JsonNode root, String name) {
    JsonNode section = root.get(name);
    if (section == null || section.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!section.isObject()) {
      throw new TemplateException("Template format error: Every " + name + " member must be an object.");
    }
    return (ObjectNode) section;
  }

  private static Map<String, ParameterDeclaration> parameters(ObjectNode section) {
    Map<String, ParameterDeclaration> declared = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      JsonNode p = entry.getValue();
      checkName("Parameter", name);
      if (!p.isObject()) {
        throw new TemplateException("Template format error: Every Parameters member must be an object.");
      }
      for (Iterator<String> names = p.fieldNames(); names.hasNext(); ) {
        String property = names.next();
        if (!PARAMETER_PROPERTIES.contains(property)) {
          throw new TemplateException("Invalid template parameter property '" + property + "'");
        }
      }
      JsonNode type = p.get("Type");
      if (type == null) {
        throw new TemplateException("Template format error: Every Parameters object must contain a Type member.");
      }
      if (!type.isTextual()) {
        throw new TemplateException("Template format error: Every Type member must be a string.");
      }
      if (!ParameterTypes.isKnown(type.asText())) {
        throw new TemplateException("Template format error: Unrecognized parameter type: " + type.asText());
      }
      List<String> allowedValues = null;
      JsonNode allowed = p.get("AllowedValues");
      if (allowed != null) {
        if (!allowed.isArray()) {
          throw new TemplateException("Template format error: Every AllowedValues member must be a list.");
        }
        allowedValues = new ArrayList<>();
        for (JsonNode value : allowed) {
          allowedValues.add(scalarText(value, "AllowedValues"));
        }
        allowedValues = List.copyOf(allowedValues);
      }
      String allowedPattern = optionalText(p, "AllowedPattern");
      if (allowedPattern != null) {
        ParameterTypes.compile(name, allowedPattern);
      }
      declared.put(name, new ParameterDeclaration(name, type.asText(), optionalText(p, "Default"),
          optionalText(p, "Description"), flag(p, "NoEcho"), allowedValues, allowedPattern,
          optionalInteger(p, "MinLength"), optionalInteger(p, "MaxLength"), optionalNumber(p, "MinValue"),
          optionalNumber(p, "MaxValue"), optionalText(p, "ConstraintDescription")));
    }
    return declared;
  }

  private static ObjectNode mappings(ObjectNode section) {
    for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> mapping = it.next();
      checkName("Mapping", mapping.getKey());
      if (!mapping.getValue().isObject() || mapping.getValue().isEmpty()) {
        throw new TemplateException("Template format error: Every Mappings member " + mapping.getKey()
            + " must be a map");
      }
      for (JsonNode level : mapping.getValue()) {
        if (!level.isObject()) {
          throw new TemplateException("Template format error: Every Mappings attribute must be a map");
        }
      }
    }
    return section;
  }

  private static Map<String, ResourceDeclaration> resources(JsonNode section,
      Map<String, JsonNode> metadata) {
    if (section == null || !section.isObject() || section.isEmpty()) {
      throw new TemplateException("Template format error: At least one Resources member must be defined.");
    }
    Map<String, ResourceDeclaration> declared = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String id = entry.getKey();
      JsonNode r = entry.getValue();
      checkName("Resource", id);
      String path = "[/Resources/" + id + "] ";
      if (!r.isObject()) {
        throw new TemplateException("Template format error: " + path + "resource definition is malformed");
      }
      for (Iterator<String> names = r.fieldNames(); names.hasNext(); ) {
        String attribute = names.next();
        if (!RESOURCE_ATTRIBUTES.contains(attribute)) {
          throw new TemplateException("Invalid template resource property '" + attribute + "'");
        }
      }
      JsonNode type = r.get("Type");
      if (type == null) {
        throw new TemplateException("Template format error: " + path
            + "Every Resources object must contain a Type member.");
      }
      if (!type.isTextual()) {
        throw new TemplateException("Template format error: " + path + "Every Type member must be a string.");
      }
      JsonNode properties = r.get("Properties");
      if (properties == null || properties.isNull()) {
        properties = Json.MAPPER.createObjectNode();
      } else if (!properties.isObject()) {
        throw new TemplateException("Template format error: " + path + "Every Properties member must be an object.");
      }
      List<String> dependsOn = new ArrayList<>();
      JsonNode depends = r.get("DependsOn");
      if (depends != null) {
        if (depends.isTextual()) {
          dependsOn.add(depends.asText());
        } else if (depends.isArray()) {
          for (JsonNode name : depends) {
            if (!name.isTextual()) {
              throw new TemplateException("Template format error: " + path
                  + "DependsOn must be a string or list of strings.");
            }
            dependsOn.add(name.asText());
          }
        } else {
          throw new TemplateException("Template format error: " + path
              + "DependsOn must be a string or list of strings.");
        }
      }
      JsonNode condition = r.get("Condition");
      if (condition != null && !condition.isTextual()) {
        throw new TemplateException("Template format error: Every Condition member must be a string.");
      }
      String deletionPolicy = "Delete";
      JsonNode policy = r.get("DeletionPolicy");
      if (policy != null) {
        if (!policy.isTextual() || !DELETION_POLICIES.contains(policy.asText())) {
          throw new TemplateException("Template format error: " + path + "Unrecognized DeletionPolicy "
              + policy.asText() + " for resource " + id);
        }
        deletionPolicy = policy.asText();
      }
      declared.put(id, new ResourceDeclaration(id, type.asText(), properties, List.copyOf(dependsOn),
          condition == null ? null : condition.asText(), deletionPolicy));
      if (r.has("Metadata")) {
        metadata.put(id, r.get("Metadata"));
      }
    }
    return declared;
  }

  private static ObjectNode outputs(ObjectNode section) {
    for (Iterator<Map.Entry<String, JsonNode>> it = section.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      checkName("Output", entry.getKey());
      JsonNode output = entry.getValue();
      if (!output.isObject() || !output.has("Value") || output.get("Value").isNull()) {
        throw new TemplateException("Template format error: Every Outputs member must contain a Value object, "
            + "the Value object must not be null");
      }
      for (Iterator<String> names = output.fieldNames(); names.hasNext(); ) {
        String property = names.next();
        if (!OUTPUT_PROPERTIES.contains(property)) {
          throw new TemplateException("Invalid template property or properties [" + property + "]");
        }
      }
      JsonNode export = output.get("Export");
      if (export != null && !(export.isObject() && export.has("Name"))) {
        throw new TemplateException("Template format error: Every Export member must contain a Name object.");
      }
      JsonNode condition = output.get("Condition");
      if (condition != null && !condition.isTextual()) {
        throw new TemplateException("Template format error: Every Condition member must be a string.");
      }
      JsonNode description = output.get("Description");
      if (description != null && !description.isTextual()) {
        throw new TemplateException("Template format error: Every Description member must be a string.");
      }
    }
    return section;
  }

  private static void checkName(String kind, String name) {
    if (!ALPHANUMERIC.matcher(name).matches()) {
      throw new TemplateException("Template format error: " + kind + " name " + name + " is non alphanumeric.");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw new TemplateException("Template format error: " + kind + " name " + name + " exceeds the maximum "
          + "length of " + MAX_NAME_LENGTH + " characters.");
    }
  }

  /** Every object with one {@code Fn::} key must be a function CloudFormation knows. */
  private void checkFunctions(JsonNode root) {
    checkFunctionNames(root.get("Resources"));
    checkFunctionNames(outputs);
    checkFunctionNames(conditions);
  }

  private static void checkFunctionNames(JsonNode node) {
    if (node == null) {
      return;
    }
    String function = Intrinsics.functionOf(node, false);
    if (function != null && function.equals(Intrinsics.TRANSFORM)) {
      throw new TemplateException("Template format error: Fn::Transform is not supported by the local cloud: it "
          + "runs no macros.");
    }
    if (function != null && !Intrinsics.SUPPORTED.contains(function)) {
      throw new TemplateException(Intrinsics.unsupportedFunction(function));
    }
    node.forEach(Template::checkFunctionNames);
  }

  /** Every name a template refers to must be declared where CloudFormation looks for it. */
  private void checkReferences() {
    for (Iterator<Map.Entry<String, JsonNode>> it = conditions.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> condition = it.next();
      ReferenceCollector found = new ReferenceCollector(null, true).visit(condition.getValue());
      Set<String> bad = new LinkedHashSet<>();
      for (String name : found.allNames()) {
        if (!parameters.containsKey(name) && !Intrinsics.PSEUDO_PARAMETERS.contains(name)) {
          bad.add(name);
        }
      }
      if (!bad.isEmpty()) {
        throw new TemplateException("Template format error: Unresolved dependencies " + bad
            + ". Cannot reference resources in the Conditions block of the template");
      }
      checkConditionNames(found, "Conditions");
      checkMappingNames(found);
    }
    for (ResourceDeclaration resource : resources.values()) {
      ReferenceCollector found = new ReferenceCollector(null, false).visit(resource.properties())
          .visit(resourceMetadata.get(resource.logicalId()));
      checkNames(found, resource.dependsOn(), "Resources");
      if (resource.condition() != null && !conditions.has(resource.condition())) {
        throw new TemplateException("Template format error: Unresolved condition dependency "
            + resource.condition() + " in the Resources block of the template");
      }
      checkConditionNames(found, "Resources");
      checkMappingNames(found);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = outputs.properties().iterator(); it.hasNext(); ) {
      JsonNode output = it.next().getValue();
      ReferenceCollector found = new ReferenceCollector(null, false).visit(output.get("Value"))
          .visit(output.get("Export"));
      checkNames(found, List.of(), "Outputs");
      JsonNode condition = output.get("Condition");
      if (condition != null && !conditions.has(condition.asText())) {
        throw new TemplateException("Template format error: Unresolved condition dependency " + condition.asText()
            + " in the Outputs block of the template");
      }
      checkConditionNames(found, "Outputs");
      checkMappingNames(found);
    }
  }

  private void checkNames(ReferenceCollector found, List<String> dependsOn, String block) {
    Set<String> unresolved = new LinkedHashSet<>();
    for (String name : found.refs) {
      if (!resources.containsKey(name) && !parameters.containsKey(name)
          && !Intrinsics.PSEUDO_PARAMETERS.contains(name)) {
        unresolved.add(name);
      }
    }
    for (String name : dependsOn) {
      if (!resources.containsKey(name)) {
        unresolved.add(name);
      }
    }
    if (!unresolved.isEmpty()) {
      throw new TemplateException("Template format error: Unresolved resource dependencies " + unresolved
          + " in the " + block + " block of the template");
    }
    for (String name : found.getAtts) {
      if (!resources.containsKey(name)) {
        throw new TemplateException("Template error: instance of Fn::GetAtt references undefined resource " + name);
      }
    }
  }

  private void checkConditionNames(ReferenceCollector found, String block) {
    for (String name : found.conditions) {
      if (!conditions.has(name)) {
        throw new TemplateException("Template error: unresolved condition dependency " + name + " in Fn::If");
      }
    }
  }

  private void checkMappingNames(ReferenceCollector found) {
    for (String name : found.mappings) {
      if (!mappings.has(name)) {
        throw new TemplateException("Template error: Mapping named '" + name
            + "' is not present in the 'Mappings' section of template.");
      }
    }
  }

  /** A cycle through any branch is a template error before any condition is known, as on AWS. */
  private void checkStaticCycles() {
    Map<String, Set<String>> graph = new LinkedHashMap<>();
    for (ResourceDeclaration resource : resources.values()) {
      ReferenceCollector found = new ReferenceCollector(null, false).visit(resource.properties())
          .visit(resourceMetadata.get(resource.logicalId()));
      Set<String> dependencies = new LinkedHashSet<>(resource.dependsOn());
      for (String name : found.allNames()) {
        if (resources.containsKey(name)) {
          dependencies.add(name);
        }
      }
      graph.put(resource.logicalId(), dependencies);
    }
    DependencyGraph.order(graph);
  }

  private static String optionalText(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value == null || value.isNull() ? null : scalarText(value, field);
  }

  private static String scalarText(JsonNode value, String field) {
    if (!value.isValueNode() || value.isNull()) {
      throw new TemplateException("Template format error: Every " + field + " member must be a string.");
    }
    return value.asText();
  }

  private static Integer optionalInteger(JsonNode parent, String field) {
    String text = optionalText(parent, field);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text.strip());
    } catch (NumberFormatException e) {
      throw new TemplateException("Template format error: Every " + field + " member must be an integer.");
    }
  }

  private static String optionalNumber(JsonNode parent, String field) {
    String text = optionalText(parent, field);
    if (text != null && !ParameterTypes.isNumber(text)) {
      throw new TemplateException("Template format error: Every " + field + " member must be a number.");
    }
    return text == null ? null : text.strip();
  }

  private static boolean flag(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    return value != null && (value.isBoolean() ? value.asBoolean() : value.asText().equalsIgnoreCase("true"));
  }

  private static Map<String, String> iamTypes() {
    Map<String, String> types = new LinkedHashMap<>();
    types.put("AWS::IAM::AccessKey", "");
    types.put("AWS::IAM::Group", "GroupName");
    types.put("AWS::IAM::GroupPolicy", "");
    types.put("AWS::IAM::InstanceProfile", "InstanceProfileName");
    types.put("AWS::IAM::ManagedPolicy", "ManagedPolicyName");
    types.put("AWS::IAM::Policy", "");
    types.put("AWS::IAM::Role", "RoleName");
    types.put("AWS::IAM::RolePolicy", "");
    types.put("AWS::IAM::User", "UserName");
    types.put("AWS::IAM::UserPolicy", "");
    types.put("AWS::IAM::UserToGroupAddition", "");
    return Collections.unmodifiableMap(types);
  }
}
