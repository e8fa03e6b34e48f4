package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The structure CloudFormation requires of each template section (names, members, types, quotas), with its
 * {@code Template format error: ...} wording. What the sections refer to is {@link TemplateReferences}' job.
 */
final class TemplateSections {
  /** The most characters a resource, parameter, output or mapping name may have. */
  static final int MAX_NAME_LENGTH = 255;
  /** CloudFormation's quotas per template: 500 resources, 200 parameters, 200 outputs. */
  static final int MAX_RESOURCES = 500;
  static final int MAX_PARAMETERS = 200;
  static final int MAX_OUTPUTS = 200;

  private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
      "Parameters", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Rules", "Hooks");
  private static final Set<String> RESOURCE_ATTRIBUTES = Set.of("Type", "Properties", "DependsOn", "Metadata",
      "Condition", "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy", "Description",
      // The version of a custom resource's request format, which published templates still carry ("1.0").
      "Version");
  private static final Set<String> PARAMETER_PROPERTIES = Set.of("Type", "Default", "Description", "NoEcho",
      "AllowedValues", "AllowedPattern", "MinLength", "MaxLength", "MinValue", "MaxValue", "ConstraintDescription");
  private static final Set<String> OUTPUT_PROPERTIES = Set.of("Value", "Description", "Export", "Condition");
  private static final Set<String> DELETION_POLICIES = Set.of("Delete", "Retain", "RetainExceptOnCreate",
      "Snapshot");
  private static final Pattern ALPHANUMERIC = Pattern.compile("[A-Za-z0-9]+");

  private TemplateSections() {
  }

  /** Only CloudFormation's sections, and the one format version it knows. */
  static void checkTopLevel(JsonNode root) {
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
  }

  static void checkCounts(int parameters, int resources, int outputs) {
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

  static ObjectNode section(JsonNode root, String name) {
    JsonNode section = root.get(name);
    if (section == null || section.isNull()) {
      return Json.MAPPER.createObjectNode();
    }
    if (!section.isObject()) {
      throw new TemplateException("Template format error: Every " + name + " member must be an object.");
    }
    return (ObjectNode) section;
  }

  static Map<String, ParameterDeclaration> parameters(JsonNode root) {
    ObjectNode section = section(root, "Parameters");
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

  static ObjectNode mappings(JsonNode root) {
    ObjectNode section = section(root, "Mappings");
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

  static Map<String, ResourceDeclaration> resources(JsonNode section,
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

  static ObjectNode outputs(JsonNode root) {
    ObjectNode section = section(root, "Outputs");
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
}
