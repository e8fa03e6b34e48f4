package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * One request's JSON input, read member by member against the constraints of CloudWatch Logs' model
 * (lengths, patterns, ranges, enums). Wrong JSON types are SerializationExceptions at once, as AWS's
 * deserializer rejects them; constraint violations are collected and reported together by
 * {@link #validate()} in AWS's wording: {@code 1 validation error detected: Value 'x' at 'limit' failed to
 * satisfy constraint: Member must have value less than or equal to 50}.
 */
final class LogsRequest {
  /** The model's {@code LogGroupName} pattern. */
  static final String GROUP_NAME_PATTERN = "[\\.\\-_/#A-Za-z0-9]+";
  /** The model's {@code LogGroupIdentifier} pattern (a name or an ARN without its trailing {@code :*}). */
  static final String GROUP_IDENTIFIER_PATTERN = "[\\w#+=/:,.@-]*";
  /** The model's {@code LogStreamName} pattern. */
  static final String STREAM_NAME_PATTERN = "[^:*]*";

  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private final ObjectNode body;
  private final List<String> violations = new ArrayList<>();

  private LogsRequest(ObjectNode body) {
    this.body = body;
  }

  /** Parses a request body; an empty body is an empty object, as the SDKs send {@code {}} for no input. */
  static LogsRequest parse(byte[] bytes) {
    if (bytes.length == 0) {
      return new LogsRequest(Json.MAPPER.createObjectNode());
    }
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw LogsErrors.serialization("The request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw LogsErrors.serialization("The request body cannot be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode() || node.isNull()) {
      return new LogsRequest(Json.MAPPER.createObjectNode());
    }
    if (!node.isObject()) {
      throw LogsErrors.serialization("The request body must be a JSON object, not " + node.getNodeType() + ".");
    }
    return new LogsRequest((ObjectNode) node);
  }

  /** A string member; {@code pattern} may be null. Null when absent (a violation when {@code required}). */
  String string(String name, int min, int max, String pattern, boolean required) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      if (required) {
        violations.add("Value null at '" + name + "' failed to satisfy constraint: Member must not be null");
      }
      return null;
    }
    if (!node.isTextual()) {
      throw typeError(name, node, "a string");
    }
    String value = node.textValue();
    checkString(name, value, min, max, pattern);
    return value;
  }

  /** An enum member: absent is null. */
  String enumValue(String name, List<String> allowed) {
    String value = string(name, 0, Integer.MAX_VALUE, null, false);
    if (value != null && !allowed.contains(value)) {
      violations.add(valueAt(value, name) + "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }
    return value;
  }

  /** An integer member within {@code [min, max]}; null when absent. */
  Integer integer(String name, int min, int max) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw typeError(name, node, "an integer");
    }
    int value = node.intValue();
    if (value < min) {
      violations.add(valueAt(String.valueOf(value), name) + "Member must have value greater than or equal to " + min);
    } else if (value > max) {
      violations.add(valueAt(String.valueOf(value), name) + "Member must have value less than or equal to " + max);
    }
    return value;
  }

  /** A {@code Timestamp} member (epoch milliseconds, at least 0); null when absent. */
  Long timestamp(String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw typeError(name, node, "a whole number of epoch milliseconds");
    }
    long value = node.longValue();
    if (value < 0) {
      violations.add(valueAt(String.valueOf(value), name) + "Member must have value greater than or equal to 0");
    }
    return value;
  }

  /** A boolean member; {@code fallback} when absent. */
  boolean bool(String name, boolean fallback) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (!node.isBoolean()) {
      throw typeError(name, node, "a boolean");
    }
    return node.booleanValue();
  }

  /** A list of strings with {@code [minItems, maxItems]} members, each checked; null when absent. */
  List<String> strings(String name, int minItems, int maxItems, int min, int max, String pattern) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw typeError(name, node, "a list");
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode member = node.get(i);
      if (!member.isTextual()) {
        throw typeError(name + "." + (i + 1) + ".member", member, "a string");
      }
      values.add(member.textValue());
      checkString(name + "." + (i + 1) + ".member", member.textValue(), min, max, pattern);
    }
    if (values.size() < minItems) {
      violations.add(valueAt(values.toString(), name) + "Member must have length greater than or equal to " + minItems);
    } else if (values.size() > maxItems) {
      violations.add(valueAt(values.toString(), name) + "Member must have length less than or equal to " + maxItems);
    }
    return values;
  }

  /** Throws the InvalidParameterException AWS answers for every constraint violation found so far. */
  void validate() {
    if (violations.isEmpty()) {
      return;
    }
    String count = violations.size() == 1 ? "1 validation error detected: "
        : violations.size() + " validation errors detected: ";
    throw LogsErrors.invalidParameter(count + String.join("; ", violations));
  }

  private void checkString(String name, String value, int min, int max, String pattern) {
    if (pattern != null && !PATTERNS.computeIfAbsent(pattern, Pattern::compile).matcher(value).matches()) {
      violations.add(valueAt(value, name) + "Member must satisfy regular expression pattern: " + pattern);
    }
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      violations.add(valueAt(value, name) + "Member must have length greater than or equal to " + min);
    } else if (length > max) {
      violations.add(valueAt(value, name) + "Member must have length less than or equal to " + max);
    }
  }

  private static String valueAt(String value, String name) {
    return "Value '" + value + "' at '" + name + "' failed to satisfy constraint: ";
  }

  private static RuntimeException typeError(String name, JsonNode node, String expected) {
    return LogsErrors.serialization("The member '" + name + "' must be " + expected + ", not " + node.getNodeType()
        + " " + node + ".");
  }
}
