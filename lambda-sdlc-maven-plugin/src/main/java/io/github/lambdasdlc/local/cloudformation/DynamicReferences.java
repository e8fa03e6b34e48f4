package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceFailure;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudFormation's dynamic references in resource properties, {@code {{resolve:ssm:name[:version]}}} and
 * {@code {{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}}, resolved
 * from the local cloud's own stacks: the {@code AWS::SSM::Parameter} and {@code AWS::SecretsManager::Secret}
 * stand-ins keep their values. A reference to anything else fails the resource, naming it; it is never passed on
 * as literal text. The stack keeps the reference, not the value (as CloudFormation does).
 */
final class DynamicReferences {
  private static final Pattern REFERENCE = Pattern.compile("\\{\\{resolve:([a-z-]+):([^}]*)}}");

  private final StackRepository stacks;

  DynamicReferences(StackRepository stacks) {
    this.stacks = stacks;
  }

  /** The properties with every dynamic reference replaced by its value (the same node when there is none). */
  JsonNode resolve(JsonNode props) {
    if (props == null || !props.toString().contains("{{resolve:")) {
      return props;
    }
    return replace(props.deepCopy());
  }

  private JsonNode replace(JsonNode node) {
    if (node.isTextual()) {
      return node.asText().contains("{{resolve:") ? TextNode.valueOf(text(node.asText())) : node;
    }
    if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        array.set(i, replace(array.get(i)));
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        ((ObjectNode) node).set(e.getKey(), replace(e.getValue()));
      }
    }
    return node;
  }

  private String text(String value) {
    Matcher m = REFERENCE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String reference = m.group();
      String resolved = switch (m.group(1)) {
        case "ssm" -> ssm(reference, m.group(2));
        case "secretsmanager" -> secret(reference, m.group(2));
        default -> throw unresolved(reference, "the local cloud resolves ssm and secretsmanager references only"
            + (m.group(1).equals("ssm-secure") ? " (CloudFormation cannot create SecureString parameters, so no"
            + " stand-in holds one)" : ""));
      };
      m.appendReplacement(out, Matcher.quoteReplacement(resolved));
    }
    m.appendTail(out);
    if (out.indexOf("{{resolve:") >= 0) {
      throw unresolved(out.substring(out.indexOf("{{resolve:")), "it is not a well-formed dynamic reference");
    }
    return out.toString();
  }

  private String ssm(String reference, String argument) {
    String name = argument.replaceFirst(":\\d+$", "");
    ResourceRecord r = find("AWS::SSM::Parameter", name);
    if (r == null || r.attributes == null || !r.attributes.hasNonNull("Value")) {
      throw unresolved(reference, "no stack of the local cloud has an AWS::SSM::Parameter named " + name
          + " (references resolve from the local cloud's own parameters, not from AWS's Parameter Store)");
    }
    return r.attributes.get("Value").asText();
  }

  private String secret(String reference, String argument) {
    // secret-id may be an ARN, whose colons are its own: the fields after it are SecretString, json-key, stage, id.
    String[] fields;
    String secretId;
    if (argument.startsWith("arn:")) {
      String[] parts = argument.split(":", -1);
      secretId = String.join(":", java.util.Arrays.copyOfRange(parts, 0, Math.min(parts.length, 7)));
      fields = parts.length > 7 ? java.util.Arrays.copyOfRange(parts, 7, parts.length) : new String[0];
    } else {
      String[] parts = argument.split(":", -1);
      secretId = parts[0];
      fields = java.util.Arrays.copyOfRange(parts, 1, parts.length);
    }
    ResourceRecord r = find("AWS::SecretsManager::Secret", secretId);
    String value = r == null || r.data == null ? null : r.data.path("secretString").asText(null);
    if (value == null) {
      throw unresolved(reference, "no stack of the local cloud has an AWS::SecretsManager::Secret " + secretId
          + " with a SecretString or GenerateSecretString (references resolve from the local cloud's own secrets)");
    }
    String jsonKey = fields.length > 1 && !fields[1].isEmpty() ? fields[1] : null;
    if (jsonKey == null) {
      return value;
    }
    try {
      JsonNode json = Json.MAPPER.readTree(value);
      if (json != null && json.has(jsonKey)) {
        return json.get(jsonKey).asText();
      }
    } catch (IOException e) {
      // Reported below: the secret is not JSON.
    }
    throw unresolved(reference, "the secret " + secretId + " has no JSON key " + jsonKey);
  }

  /** A live resource of a type by its physical id, ARN or name. */
  private ResourceRecord find(String type, String id) {
    for (StackRecord s : stacks.live()) {
      synchronized (s) {
        for (ResourceRecord r : s.resources.values()) {
          if (type.equals(r.type) && r.physicalId != null && !"DELETE_COMPLETE".equals(r.status)
              && (r.physicalId.equals(id) || r.data != null && id.equals(r.data.path("name").asText(null))
              || r.physicalId.startsWith(id + "-") && r.physicalId.length() == id.length() + 7)) {
            return r;
          }
        }
      }
    }
    return null;
  }

  private static ResourceFailure unresolved(String reference, String why) {
    return new ResourceFailure("Unable to resolve the dynamic reference " + reference + ": " + why);
  }
}
