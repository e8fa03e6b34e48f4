package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.code.InlineCodeZip;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code AWS::Lambda::Function} through the local Lambda service. Inline {@code Code.ZipFile} becomes a
 * zip holding {@code index.py} or {@code index.js} (Python and Node.js runtimes only, as on AWS).
 * Creation waits until the function is Active, updates until LastUpdateStatus is Successful.
 *
 * <p>Updates send only what changed between the old and the new template properties, as CloudFormation
 * diffs templates rather than live state: code or configuration changed out of band (a deploy of a
 * Java build, say) stays as it is while the template does not touch it.
 *
 * <p>Ref is the function name; GetAtt Arn, SnapStartResponse.ApplyOn, SnapStartResponse.OptimizationStatus.
 */
public final class LambdaFunctionProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Lambda::Function";
  private static final int MAX_NAME = 64;
  /**
   * A fixed entry time, so that the same inline code always makes the same zip (and CodeSha256). Set as a
   * local date-time: a {@code long} instant would be converted with the JVM's time zone, giving another
   * CodeSha256 on every machine whose zone differs (and an extra timestamp field west of UTC).
   */

  /** Template properties that are not part of UpdateFunctionConfiguration. */
  private static final Set<String> NOT_CONFIGURATION = Set.of("Code", "Tags", "FunctionName", "Architectures",
      "PackageType", "ReservedConcurrentExecutions", "CodeSigningConfigArn", "RecursiveLoop");
  /** Values that undo a configuration property the template no longer sets. */
  private static final Map<String, String> RESET_VALUES = Map.ofEntries(
      Map.entry("Description", "\"\""),
      Map.entry("Environment", "{\"Variables\":{}}"),
      Map.entry("MemorySize", "128"),
      Map.entry("Timeout", "3"),
      Map.entry("Layers", "[]"),
      Map.entry("TracingConfig", "{\"Mode\":\"PassThrough\"}"),
      Map.entry("KmsKeyArn", "\"\""),
      Map.entry("VpcConfig", "{\"SubnetIds\":[],\"SecurityGroupIds\":[]}"),
      Map.entry("EphemeralStorage", "{\"Size\":512}"),
      Map.entry("SnapStart", "{\"ApplyOn\":\"None\"}"),
      Map.entry("FileSystemConfigs", "[]"),
      Map.entry("DeadLetterConfig", "{}"));

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("FunctionName", "PackageType");
  }

  @Override
  public String nameProperty() {
    return "FunctionName";
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    String logicalId = ctx.logicalId();
    Props.required(logicalId, props, "Code");
    Props.required(logicalId, props, "Role");
    checkReservedConcurrency(logicalId, props);
    String name = Props.text(logicalId, props, "FunctionName");
    if (name == null) {
      name = ctx.generatedName(MAX_NAME);
    }
    ObjectNode request = Json.MAPPER.createObjectNode();
    props.properties().iterator().forEachRemaining(e -> {
      if (!NOT_CONFIGURATION.contains(e.getKey())) {
        request.set(e.getKey(), apiValue(e.getKey(), e.getValue()));
      }
    });
    request.put("FunctionName", name);
    copyIfPresent(props, request, "PackageType");
    copyIfPresent(props, request, "Architectures");
    copyIfPresent(props, request, "CodeSigningConfigArn");
    request.set("Code", code(logicalId, props));
    if (props.hasNonNull("Tags")) {
      request.set("Tags", tags(props.get("Tags")));
    }
    ObjectNode created;
    try {
      created = ctx.lambda().createFunction(request);
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    return withAttributes(ResourceState.of(name, name), created);
  }

  private static ResourceState withAttributes(ResourceState state, ObjectNode configuration) {
    state.withAttribute("Arn", configuration.path("FunctionArn").asText(null));
    JsonNode snapStart = configuration.path("SnapStart");
    if (snapStart.isObject()) {
      state.withAttribute("SnapStartResponse.ApplyOn", snapStart.path("ApplyOn").asText(null));
      state.withAttribute("SnapStartResponse.OptimizationStatus", snapStart.path("OptimizationStatus").asText(null));
    }
    return state;
  }

  /**
   * ReservedConcurrentExecutions is checked as Lambda's PutFunctionConcurrency checks it and kept with the stack;
   * the local cloud shares its concurrency between all functions and reserves none.
   */
  private static void checkReservedConcurrency(String logicalId, JsonNode props) {
    JsonNode reserved = props.get("ReservedConcurrentExecutions");
    if (reserved != null && !reserved.isNull() && !reserved.asText().trim().matches("\\d{1,9}")) {
      throw ResourceFailure.invalidProperties(logicalId, "#/ReservedConcurrentExecutions: "
          + reserved.asText() + " is not a non-negative integer");
    }
  }

  @Override
  public Duration stabilize(ProviderContext ctx, ResourceState state) {
    String name = state.physicalId();
    try {
      ObjectNode cfg = ctx.lambda().getFunctionConfiguration(name, null);
      String st = cfg.path("State").asText("Active");
      if ("Pending".equals(st)) {
        return ctx.pollInterval();
      }
      if ("Failed".equals(st)) {
        throw ResourceFailure.handler("Function " + name + " failed to become Active: "
            + cfg.path("StateReason").asText(""), "NotStabilized");
      }
      String update = cfg.path("LastUpdateStatus").asText("Successful");
      if ("InProgress".equals(update)) {
        return ctx.pollInterval();
      }
      if ("Failed".equals(update)) {
        throw ResourceFailure.handler("Function " + name + " update failed: "
            + cfg.path("LastUpdateStatusReason").asText(""), "NotStabilized");
      }
      ObjectNode data = state.data();
      if (data.has("pendingConfiguration")) {
        ObjectNode request = (ObjectNode) data.remove("pendingConfiguration");
        ctx.lambda().updateFunctionConfiguration(name, request);
        return ctx.pollInterval();
      }
      if (data.has("pendingCode")) {
        ObjectNode request = (ObjectNode) data.remove("pendingCode");
        ctx.lambda().updateFunctionCode(name, request);
        return ctx.pollInterval();
      }
      withAttributes(state, cfg);
      return null;
    } catch (AwsError e) {
      if ("ResourceConflictException".equals(e.code())) {
        // Another update (out of band) is still running: ask again once it is done.
        return ctx.pollInterval();
      }
      throw ResourceFailure.fromLambda(e);
    }
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    String logicalId = ctx.logicalId();
    Props.required(logicalId, newProps, "Code");
    Props.required(logicalId, newProps, "Role");
    checkReservedConcurrency(logicalId, newProps);
    ObjectNode configuration = Json.MAPPER.createObjectNode();
    Set<String> names = new LinkedHashSet<>();
    oldProps.fieldNames().forEachRemaining(names::add);
    newProps.fieldNames().forEachRemaining(names::add);
    for (String key : names) {
      if (NOT_CONFIGURATION.contains(key) || Objects.equals(oldProps.get(key), newProps.get(key))) {
        continue;
      }
      if (newProps.hasNonNull(key)) {
        configuration.set(key, apiValue(key, newProps.get(key)));
      } else if (RESET_VALUES.containsKey(key)) {
        configuration.set(key, parse(RESET_VALUES.get(key)));
      }
    }
    boolean codeChanged = !Objects.equals(oldProps.get("Code"), newProps.get("Code"))
        || !Objects.equals(oldProps.get("Architectures"), newProps.get("Architectures"))
        || newProps.path("Code").has("ZipFile")
            && !Objects.equals(inlineFileName(oldProps), inlineFileName(newProps));
    ObjectNode state = current.data();
    if (!configuration.isEmpty()) {
      state.set("pendingConfiguration", configuration);
    }
    if (codeChanged) {
      ObjectNode codeRequest = code(logicalId, newProps).deepCopy();
      copyIfPresent(newProps, codeRequest, "Architectures");
      state.set("pendingCode", codeRequest);
    }
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    try {
      ctx.lambda().deleteFunction(state.physicalId(), null);
    } catch (AwsError e) {
      if (e.status() != 404) {
        throw ResourceFailure.fromLambda(e);
      }
    }
  }

  /** The Lambda API's {@code Code} for the template's {@code Code}. */
  private static ObjectNode code(String logicalId, JsonNode props) {
    JsonNode code = props.get("Code");
    if (!code.isObject()) {
      throw ResourceFailure.invalidProperties(logicalId, "#/Code: expected type: JSONObject, found: String");
    }
    if (code.has("S3Bucket") || code.has("S3Key") || code.has("S3ObjectVersion")) {
      throw ResourceFailure.handler("The lambda-sdlc local cloud has no S3, so Code.S3Bucket/S3Key cannot be read."
          + " Use inline Code.ZipFile (Python or Node.js), or deploy the zip with UpdateFunctionCode", "InvalidRequest");
    }
    if (code.has("ImageUri")) {
      throw ResourceFailure.handler("The lambda-sdlc local cloud has no container registry, so Code.ImageUri cannot"
          + " be used. Use inline Code.ZipFile (Python or Node.js), or deploy a zip with UpdateFunctionCode",
          "InvalidRequest");
    }
    if (!code.hasNonNull("ZipFile")) {
      throw ResourceFailure.invalidProperties(logicalId, "#/Code: one of ZipFile, S3Bucket with S3Key, or ImageUri"
          + " is required");
    }
    String fileName = inlineFileName(props);
    if (fileName == null) {
      String runtime = props.path("Runtime").asText("");
      throw ResourceFailure.handler("Inline code (Code.ZipFile) can only be used with Python and Node.js runtimes,"
          + (runtime.isEmpty() ? " and Runtime is not set" : " not " + runtime), "InvalidRequest");
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("ZipFile", Base64.getEncoder().encodeToString(InlineCodeZip.zip(
        CfnResponseModules.files(fileName, code.get("ZipFile").asText()))));
    return out;
  }

  /** {@code index.py} or {@code index.js} by the runtime's family, or null for any other runtime. */
  static String inlineFileName(JsonNode props) {
    return InlineCodeZip.fileName(props.path("Runtime").asText(""));
  }

  /** Template values as the Lambda API wants them: numbers from parameters arrive as text. */
  private static JsonNode apiValue(String key, JsonNode value) {
    if (("MemorySize".equals(key) || "Timeout".equals(key)) && value.isTextual()) {
      return asNumber(value);
    }
    if ("EphemeralStorage".equals(key) && value.isObject() && value.path("Size").isTextual()) {
      ObjectNode copy = value.deepCopy();
      copy.set("Size", asNumber(value.get("Size")));
      return copy;
    }
    return value;
  }

  private static JsonNode asNumber(JsonNode text) {
    try {
      return JsonNodeFactory.instance.numberNode(Integer.parseInt(text.asText().trim()));
    } catch (NumberFormatException e) {
      return text; // Lambda's own validation reports it.
    }
  }

  /** CloudFormation's tag list ({@code [{Key, Value}]}) as Lambda's tag map. */
  private static ObjectNode tags(JsonNode list) {
    ObjectNode map = Json.MAPPER.createObjectNode();
    if (list.isArray()) {
      for (JsonNode tag : list) {
        map.put(tag.path("Key").asText(), tag.path("Value").asText());
      }
    }
    return map;
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String key) {
    if (from.hasNonNull(key)) {
      to.set(key, from.get(key));
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
