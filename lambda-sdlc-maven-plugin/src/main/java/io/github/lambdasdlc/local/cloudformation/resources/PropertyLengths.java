package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code maxLength} of the string properties of the resource types the local cloud provisions, as their
 * CloudFormation resource schemas declare them (copied from the schemas cfn-lint 1.51 ships). CloudFormation
 * checks them before it provisions anything, so an oversized value fails the resource with the schema
 * validator's words and is neither stored nor passed on. Paths use {@code *} for every item of a list.
 */
public final class PropertyLengths {
  private static final List<Map.Entry<String, Integer>> TAGS = List.of(Map.entry("Tags/*/Key", 128),
      Map.entry("Tags/*/Value", 256));
  private static final Map<String, List<Map.Entry<String, Integer>>> BY_TYPE = Map.of(
      "AWS::Lambda::Function", with(TAGS, Map.entry("FunctionName", 64), Map.entry("Description", 256),
          Map.entry("Handler", 128), Map.entry("Code/S3Bucket", 63), Map.entry("Code/S3Key", 1024),
          Map.entry("Code/S3ObjectVersion", 1024), Map.entry("CodeSigningConfigArn", 200),
          Map.entry("ImageConfig/WorkingDirectory", 1000), Map.entry("LoggingConfig/LogGroup", 512)),
      "AWS::Lambda::Version", List.of(Map.entry("FunctionName", 140), Map.entry("Description", 256)),
      "AWS::Lambda::Alias", List.of(Map.entry("Name", 128), Map.entry("Description", 256),
          Map.entry("FunctionVersion", 1024)),
      "AWS::Lambda::Permission", List.of(Map.entry("Action", 256), Map.entry("EventSourceToken", 256),
          Map.entry("FunctionName", 140), Map.entry("Principal", 256), Map.entry("PrincipalOrgID", 34),
          Map.entry("SourceAccount", 12), Map.entry("SourceArn", 1024)),
      "AWS::IAM::Role", with(TAGS, Map.entry("RoleName", 64), Map.entry("Description", 1000), Map.entry("Path", 512),
          Map.entry("PermissionsBoundary", 2048), Map.entry("AssumeRolePolicyDocument", 131_072)),
      "AWS::Logs::LogGroup", with(TAGS, Map.entry("LogGroupName", 512), Map.entry("KmsKeyId", 256)));

  private PropertyLengths() {
  }

  @SafeVarargs
  private static List<Map.Entry<String, Integer>> with(List<Map.Entry<String, Integer>> common,
      Map.Entry<String, Integer>... own) {
    List<Map.Entry<String, Integer>> all = new ArrayList<>(List.of(own));
    all.addAll(common);
    return List.copyOf(all);
  }

  /**
   * Fails when a string property of a resource of {@code type} is longer than its schema allows.
   *
   * @throws ResourceFailure {@code Properties validation failed for resource X with message:
   *     [#/Description: expected maxLength: 256, actual: 300]}
   */
  public static void check(String type, String logicalId, JsonNode properties) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Integer> limit : BY_TYPE.getOrDefault(type, List.of())) {
      collect(properties, limit.getKey().split("/"), 0, "#", limit.getValue(), problems);
    }
    if (!problems.isEmpty()) {
      throw ResourceFailure.invalidProperties(logicalId, String.join(", ", problems));
    }
  }

  private static void collect(JsonNode node, String[] path, int at, String pointer, int max, List<String> problems) {
    if (node == null || node.isNull()) {
      return;
    }
    if (at == path.length) {
      if (node.isTextual()) {
        String text = node.asText();
        int length = text.codePointCount(0, text.length());
        if (length > max) {
          problems.add(pointer + ": expected maxLength: " + max + ", actual: " + length);
        }
      }
      return;
    }
    if (path[at].equals("*")) {
      if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          collect(node.get(i), path, at + 1, pointer + "/" + i, max, problems);
        }
      }
      return;
    }
    if (node.isObject()) {
      collect(node.get(path[at]), path, at + 1, pointer + "/" + path[at], max, problems);
    }
  }
}
