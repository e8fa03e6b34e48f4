package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.cfn.IntrinsicFunctions;
import io.github.lambdasdlc.cfn.Intrinsics;
import io.github.lambdasdlc.cfn.SecretText;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.Json;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one template for one stack operation: its conditions, the order its resources must be
 * created in, and each resource's properties once the resources it refers to exist. The functions themselves
 * are {@link IntrinsicFunctions}, shared with the workflow; this class answers what they ask of the stack
 * (parameters, pseudo parameters, resources, conditions, mappings, exports).
 *
 * <p>An evaluator may be shared between threads: conditions are computed when it is made, the dependency graph
 * once, and each resolution under its lock. What one resolution (a resource's properties or metadata, the
 * outputs) produces is bounded by {@link IntrinsicFunctions#MAX_PRODUCED}.
 */
public final class TemplateEvaluator {
  private final Template template;
  private final Map<String, String> parameterValues;
  private final PseudoParameters pseudo;
  private final ImportResolver imports;
  private final Map<String, Boolean> conditions = new LinkedHashMap<>();
  private final Set<String> evaluating = new LinkedHashSet<>();
  private Map<String, Set<String>> dependencies;

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
    IntrinsicFunctions functions = new IntrinsicFunctions(new Scope(resources));
    List<ResolvedOutput> resolved = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.outputs().properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode output = entry.getValue();
      JsonNode condition = output.get("Condition");
      if (condition != null && !conditions.get(condition.asText())) {
        continue;
      }
      JsonNode evaluated = functions.evaluate(output.get("Value"), false);
      String value = outputText(evaluated, "Value");
      String exportName = null;
      if (output.has("Export")) {
        exportName = outputText(functions.evaluate(output.get("Export").get("Name"), false), "Name");
      }
      JsonNode description = output.get("Description");
      resolved.add(new ResolvedOutput(entry.getKey(), value, description == null ? null : description.asText(),
          exportName, SecretText.isMasked(evaluated)));
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

  private JsonNode eval(JsonNode node, ResourceAttributes resources, boolean conditionContext) {
    return new IntrinsicFunctions(new Scope(resources)).evaluate(node, conditionContext);
  }

  /**
   * What this stack operation knows: its parameter values, pseudo parameters, conditions, mappings, exports,
   * and (outside the Conditions section, where {@code resources} is null) the resources created so far.
   */
  private final class Scope implements IntrinsicFunctions.Scope {
    private final ResourceAttributes resources;

    Scope(ResourceAttributes resources) {
      this.resources = resources;
    }

    @Override
    public JsonNode ref(String name) {
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
        requireResources(name);
        requireIncluded(name);
        return TextNode.valueOf(resources.ref(name));
      }
      throw new TemplateException("Template format error: Unresolved resource dependencies [" + name
          + "] in the Resources block of the template");
    }

    @Override
    public JsonNode getAtt(String logicalId, String attribute) {
      if (!template.resources().containsKey(logicalId)) {
        throw new TemplateException("Template error: instance of Fn::GetAtt references undefined resource "
            + logicalId);
      }
      requireResources(logicalId);
      requireIncluded(logicalId);
      return resources.getAtt(logicalId, attribute);
    }

    @Override
    public boolean condition(String name) {
      return TemplateEvaluator.this.condition(name);
    }

    @Override
    public JsonNode mapping(String name) {
      return template.mappings().get(name);
    }

    @Override
    public String importValue(String name) {
      return imports.importValue(name).orElseThrow(() -> new TemplateException("No export named " + name
          + " found"));
    }

    @Override
    public String region() {
      return pseudo.region();
    }

    private void requireResources(String logicalId) {
      if (resources == null) {
        throw new TemplateException("Template format error: Unresolved dependencies [" + logicalId
            + "]. Cannot reference resources in the Conditions block of the template");
      }
    }
  }

  private JsonNode pseudo(String name) {
    return switch (name) {
      case Intrinsics.REGION -> TextNode.valueOf(pseudo.region());
      case Intrinsics.ACCOUNT_ID -> TextNode.valueOf(pseudo.accountId());
      case Intrinsics.STACK_NAME -> TextNode.valueOf(pseudo.stackName());
      case Intrinsics.STACK_ID -> TextNode.valueOf(pseudo.stackId());
      case Intrinsics.PARTITION -> TextNode.valueOf(pseudo.partition());
      case Intrinsics.URL_SUFFIX -> TextNode.valueOf(pseudo.urlSuffix());
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
}
