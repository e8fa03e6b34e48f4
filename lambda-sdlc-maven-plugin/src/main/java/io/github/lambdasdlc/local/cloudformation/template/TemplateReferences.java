package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.cfn.Intrinsics;
import io.github.lambdasdlc.cfn.TemplateException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks CloudFormation makes of what a template's sections refer to, before any value is known: every
 * function is one it knows, every name is declared where it is used, and resources form no cycle.
 */
final class TemplateReferences {
  private final Template template;
  private final Map<String, ParameterDeclaration> parameters;
  private final Map<String, ResourceDeclaration> resources;
  private final ObjectNode mappings;
  private final ObjectNode conditions;
  private final ObjectNode outputs;

  private TemplateReferences(Template template) {
    this.template = template;
    this.parameters = template.parameters();
    this.resources = template.resources();
    this.mappings = template.mappings();
    this.conditions = template.conditions();
    this.outputs = template.outputs();
  }

  /**
   * Checks a parsed template.
   *
   * @throws TemplateException with CloudFormation's wording
   */
  static void check(Template template, JsonNode root, boolean languageExtensions) {
    TemplateReferences references = new TemplateReferences(template);
    references.checkFunctions(root, languageExtensions);
    references.checkReferences();
    references.checkStaticCycles();
  }

  /** Every object with one {@code Fn::} key must be a function CloudFormation knows. */
  private void checkFunctions(JsonNode root, boolean languageExtensions) {
    checkFunctionNames(root.get("Resources"), languageExtensions);
    checkFunctionNames(outputs, languageExtensions);
    checkFunctionNames(conditions, languageExtensions);
  }

  /** With {@code languageExtensions}, the functions of the AWS::LanguageExtensions transform are known too. */
  private static void checkFunctionNames(JsonNode node, boolean languageExtensions) {
    if (node == null) {
      return;
    }
    String function = Intrinsics.functionOf(node, false);
    if (function != null && function.equals(Intrinsics.TRANSFORM)) {
      throw new TemplateException("Template format error: Fn::Transform is not supported by the local cloud: it "
          + "runs no macros.");
    }
    if (function != null && !Intrinsics.SUPPORTED.contains(function)
        && !(languageExtensions && Intrinsics.LANGUAGE_EXTENSIONS.contains(function))) {
      throw new TemplateException(Intrinsics.unsupportedFunction(function));
    }
    node.forEach(child -> checkFunctionNames(child, languageExtensions));
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
          .visit(template.resourceMetadata(resource.logicalId()));
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
          .visit(template.resourceMetadata(resource.logicalId()));
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
}
