package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.cfn.TemplateReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed and structurally validated CloudFormation template (JSON, or YAML with the short-form tags
 * {@code !Ref}, {@code !GetAtt}, {@code !Sub}, ... turned into their {@code Fn::} forms).
 *
 * <p>What the local cloud leaves out, and says so: a {@code Transform} other than {@code AWS::LanguageExtensions}
 * (it runs no macros; {@link SamTransform} expands SAM before parsing) and {@code Fn::Transform} are rejected;
 * {@code Rules} and {@code Hooks} are accepted but not evaluated; parameters of the Systems Manager types
 * ({@code AWS::SSM::Parameter::Value<...>}) are rejected when values are resolved, as there is no Parameter
 * Store to read.
 */
public final class Template {
  /** CreateStack, UpdateStack and ValidateTemplate take at most this many bytes of TemplateBody. */
  public static final int MAX_BODY_BYTES = 51_200;
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
   * Parses and validates a template body: its sections ({@link TemplateSections}), then the functions and names
   * it uses ({@link TemplateReferences}).
   *
   * @throws TemplateException with CloudFormation's {@code Template format error: ...} wording
   */
  public static Template parse(String body) {
    if (body == null || body.isBlank()) {
      throw new TemplateException("Template format error: unsupported structure.");
    }
    if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
      // The API's own length check: it quotes the whole body, as AWS does.
      throw new TemplateException("1 validation error detected: Value '" + body + "' at 'templateBody' failed to "
          + "satisfy constraint: Member must have length less than or equal to " + MAX_BODY_BYTES);
    }
    JsonNode root = TemplateReader.read(body, TemplateReader.Aliases.REFUSE);
    if (!root.isObject()) {
      throw new TemplateException("Template format error: unsupported structure.");
    }
    TemplateSections.checkTopLevel(root);
    boolean languageExtensions = SamTransform.transforms(root).contains(SamTransform.LANGUAGE_EXTENSIONS);
    if (root.has("Transform") && !SamTransform.transforms(root).equals(List.of(SamTransform.LANGUAGE_EXTENSIONS))) {
      throw new TemplateException("Template format error: Transform " + root.get("Transform")
          + " is not supported by the local cloud: it expands " + SamTransform.SERVERLESS + " and "
          + SamTransform.LANGUAGE_EXTENSIONS + " only, and runs no macros. Deploy the processed template instead.");
    }
    JsonNode description = root.get("Description");
    if (description != null && !description.isTextual()) {
      throw new TemplateException("Template format error: Every Description member must be a string.");
    }
    Map<String, ParameterDeclaration> parameters = TemplateSections.parameters(root);
    ObjectNode mappings = TemplateSections.mappings(root);
    ObjectNode conditions = TemplateSections.section(root, "Conditions");
    Map<String, JsonNode> metadata = new LinkedHashMap<>();
    Map<String, ResourceDeclaration> resources = TemplateSections.resources(root.get("Resources"), metadata);
    ObjectNode outputs = TemplateSections.outputs(root);
    TemplateSections.checkCounts(parameters.size(), resources.size(), outputs.size());

    Template template = new Template(body, description == null ? null : description.asText(), parameters,
        resources, metadata, mappings, conditions, outputs);
    TemplateReferences.check(template, root, languageExtensions);
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
    return IamCapabilities.required(resources.values());
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

  /** The resource and parameter names a piece of template refers to (Ref, Fn::GetAtt, Fn::Sub), every branch. */
  public static Set<String> referencedNames(JsonNode node) {
    return new ReferenceCollector(null, false).visit(node).allNames();
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

}
