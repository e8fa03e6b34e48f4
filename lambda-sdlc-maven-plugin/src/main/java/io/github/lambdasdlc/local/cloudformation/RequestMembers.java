package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_OR_ID_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Members several CloudFormation requests share (StackName, TemplateBody, Capabilities, Tags, Parameters),
 * decoded from the Query form with AWS's checks and wording.
 */
final class RequestMembers {
  static final int MAX_TEMPLATE_BODY = 51_200;
  static final int MAX_TAGS = 50;
  static final List<String> CAPABILITIES = List.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");

  private RequestMembers() {
  }

  /** The parameter values a request gives, and the names it asks to keep at their previous values. */
  record GivenParameters(Map<String, String> values, Set<String> usePrevious) {
  }

  /** A required StackName that may also be a stack's ARN. */
  static String stackNameOrId(QueryRequest q) {
    String name = q.get("StackName");
    new CloudFormationErrors.Constraints()
        .notNull("stackName", name)
        .pattern("stackName", name, NAME_OR_ID_PATTERN)
        .check();
    return name;
  }

  /** The given template body; TemplateURL is refused, as the local cloud has no S3. */
  static String templateBody(QueryRequest q, boolean required) {
    String body = q.get("TemplateBody");
    String url = q.get("TemplateURL");
    new CloudFormationErrors.Constraints().minLength("templateBody", body, 1)
        .maxLength("templateBody", body, MAX_TEMPLATE_BODY, false)
        .check();
    if (url != null) {
      throw validation("TemplateURL is not supported by the lambda-sdlc local cloud (it has no S3): pass the"
          + " template itself in TemplateBody.");
    }
    if (body == null && required) {
      throw validation("Either Template URL or Template Body must be specified.");
    }
    return body;
  }

  static List<String> capabilities(QueryRequest q) {
    List<String> given = q.list("Capabilities");
    for (String c : given) {
      if (!CAPABILITIES.contains(c)) {
        throw validation("1 validation error detected: Value '" + given + "' at 'capabilities' failed to satisfy"
            + " constraint: Member must satisfy constraint: [Member must satisfy enum value set: " + CAPABILITIES + "]");
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(given));
  }

  static Map<String, String> tags(QueryRequest q) {
    List<Map<String, String>> structs = q.structs("Tags");
    CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
    if (structs.size() > MAX_TAGS) {
      c.add("Value '" + structs + "' at 'tags' failed to satisfy constraint: Member must have length less than or"
          + " equal to " + MAX_TAGS);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < structs.size(); i++) {
      Map<String, String> t = structs.get(i);
      c.notNull("tags." + (i + 1) + ".member.key", t.get("Key"));
      c.notNull("tags." + (i + 1) + ".member.value", t.get("Value"));
      if (t.get("Key") != null) {
        tags.put(t.get("Key"), t.get("Value"));
      }
    }
    c.check();
    return tags;
  }

  static GivenParameters parameters(QueryRequest q) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> usePrevious = new LinkedHashSet<>();
    List<Map<String, String>> structs = q.structs("Parameters");
    CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
    for (int i = 0; i < structs.size(); i++) {
      Map<String, String> p = structs.get(i);
      String key = p.get("ParameterKey");
      c.notNull("parameters." + (i + 1) + ".member.parameterKey", key);
      if (key == null) {
        continue;
      }
      if (Boolean.parseBoolean(p.get("UsePreviousValue"))) {
        if (p.get("ParameterValue") != null) {
          throw validation("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as true"
              + " and non empty value for a parameter");
        }
        usePrevious.add(key);
      } else {
        values.put(key, p.get("ParameterValue") == null ? "" : p.get("ParameterValue"));
      }
    }
    c.check();
    return new GivenParameters(values, usePrevious);
  }
}
