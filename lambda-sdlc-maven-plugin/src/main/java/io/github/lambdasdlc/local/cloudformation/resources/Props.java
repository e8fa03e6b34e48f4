package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading resolved resource properties, with CloudFormation's schema-validation wording. */
final class Props {
  private Props() {
  }

  static String requiredText(String logicalId, JsonNode props, String name) {
    JsonNode v = props.get(name);
    if (v == null || v.isNull()) {
      throw ResourceFailure.invalidProperties(logicalId, "#: required key [" + name + "] not found");
    }
    if (!v.isValueNode()) {
      throw ResourceFailure.invalidProperties(logicalId, "#/" + name + ": expected type: String, found: "
          + (v.isArray() ? "JSONArray" : "JSONObject"));
    }
    return v.asText();
  }

  static String text(String logicalId, JsonNode props, String name) {
    JsonNode v = props.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw ResourceFailure.invalidProperties(logicalId, "#/" + name + ": expected type: String, found: "
          + (v.isArray() ? "JSONArray" : "JSONObject"));
    }
    return v.asText();
  }

  static void required(String logicalId, JsonNode props, String name) {
    JsonNode v = props.get(name);
    if (v == null || v.isNull()) {
      throw ResourceFailure.invalidProperties(logicalId, "#: required key [" + name + "] not found");
    }
  }
}
