package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the configuration members of CreateFunction and UpdateFunctionConfiguration and applies them to
 * a version. Constraints are the model's (ValidationException, AWS's wording) and Lambda's own service
 * limits (InvalidParameterValueException); settings the local cloud cannot honour (VPCs, layers, file
 * systems, images, code signing) are refused with a message that says so rather than silently ignored.
 */
final class ConfigurationValidator {
  static final String ROLE_PATTERN = "arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+";
  private static final Pattern ROLE = Pattern.compile(ROLE_PATTERN);
  private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
  private static final Pattern ENV_KEY = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
  private static final Pattern KMS_ARN = Pattern.compile("(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
  /** Lambda's limit on a function's timeout, in seconds, for functions outside capacity providers. */
  static final int MAX_TIMEOUT = 900;
  static final int MAX_MEMORY = 10240;
  /**
   * Variables Lambda sets itself and refuses to let a function override (documented under "Reserved
   * environment variables").
   */
  private static final Set<String> RESERVED_ENV = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
      "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
      "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
      "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

  private ConfigurationValidator() {
  }

  /** Applies every configuration member present in {@code req} to {@code v}. */
  static void apply(ObjectNode req, FunctionVersion v) {
    refuseUnsupported(req);
    if (has(req, "Role")) {
      v.role = role(req.get("Role"));
    }
    if (has(req, "Runtime")) {
      v.runtime = text(req, "Runtime");
    }
    if (has(req, "Handler")) {
      v.handler = handler(text(req, "Handler"));
    }
    if (has(req, "Description")) {
      String d = text(req, "Description");
      if (d.length() > 256) {
        throw LambdaErrors.validation("'" + d + "'", "description", "Member must have length less than or equal to 256");
      }
      v.description = d;
    }
    if (has(req, "Timeout")) {
      v.timeout = range(req, "Timeout", "timeout", 1, MAX_TIMEOUT);
    }
    if (has(req, "MemorySize")) {
      v.memorySize = range(req, "MemorySize", "memorySize", 128, MAX_MEMORY);
    }
    if (has(req, "Environment")) {
      v.environment = environment(req.get("Environment"));
    }
    if (has(req, "TracingConfig") && has(req.get("TracingConfig"), "Mode")) {
      String mode = text(req.get("TracingConfig"), "Mode");
      enumValue(mode, "tracingConfig.mode", "Active", "PassThrough");
      v.tracingMode = mode;
    }
    if (has(req, "EphemeralStorage")) {
      v.ephemeralStorage = range(req.get("EphemeralStorage"), "Size", "ephemeralStorage.size", 512, 10240);
    }
    if (has(req, "SnapStart") && has(req.get("SnapStart"), "ApplyOn")) {
      String applyOn = text(req.get("SnapStart"), "ApplyOn");
      enumValue(applyOn, "snapStart.applyOn", "PublishedVersions", "None");
      v.snapStartApplyOn = applyOn;
    }
    if (has(req, "DeadLetterConfig")) {
      JsonNode target = req.get("DeadLetterConfig").get("TargetArn");
      v.deadLetterTargetArn = target == null || target.isNull() || target.asText().isEmpty() ? null : target.asText();
    }
    if (has(req, "KMSKeyArn")) {
      String kms = text(req, "KMSKeyArn");
      if (!KMS_ARN.matcher(kms).matches()) {
        throw LambdaErrors.validation("'" + kms + "'", "kMSKeyArn",
            "Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()");
      }
      v.kmsKeyArn = kms.isEmpty() ? null : kms;
    }
    if (has(req, "LoggingConfig")) {
      logging(req.get("LoggingConfig"), v);
    }
  }

  /** Checks what a zip function must have once the request is applied. */
  static void checkComplete(FunctionVersion v) {
    if (v.runtime == null || v.handler == null) {
      throw LambdaErrors.invalid("Runtime and Handler are mandatory parameters for functions created with"
          + " deployment packages.");
    }
  }

  /** Architectures of CreateFunction/UpdateFunctionCode: exactly one of x86_64, arm64. */
  static String architecture(JsonNode list) {
    if (!list.isArray()) {
      throw LambdaErrors.badJson("Architectures must be a list");
    }
    if (list.size() != 1) {
      throw LambdaErrors.validation(list.toString().replace("\"", "").replace(",", ", "), "architectures",
          list.size() == 0 ? "Member must have length greater than or equal to 1"
              : "Member must have length less than or equal to 1");
    }
    String a = list.get(0).asText();
    if (!a.equals("x86_64") && !a.equals("arm64")) {
      throw LambdaErrors.validation("'[" + a + "]'", "architectures",
          "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]");
    }
    return a;
  }

  static String role(JsonNode node) {
    String role = node == null || node.isNull() ? null : node.asText();
    if (role == null) {
      throw LambdaErrors.validation("null", "role", "Member must not be null");
    }
    if (!ROLE.matcher(role).matches()) {
      throw LambdaErrors.validation("'" + role + "'", "role",
          "Member must satisfy regular expression pattern: " + ROLE_PATTERN);
    }
    return role;
  }

  private static String handler(String h) {
    if (h.length() > 128) {
      throw LambdaErrors.validation("'" + h + "'", "handler", "Member must have length less than or equal to 128");
    }
    if (!HANDLER.matcher(h).matches()) {
      throw LambdaErrors.validation("'" + h + "'", "handler", "Member must satisfy regular expression pattern: [^\\s]+");
    }
    return h;
  }

  private static Map<String, String> environment(JsonNode env) {
    JsonNode vars = env.get("Variables");
    Map<String, String> out = new LinkedHashMap<>();
    if (vars != null && !vars.isNull()) {
      if (!vars.isObject()) {
        throw LambdaErrors.badJson("Environment.Variables must be a map of strings");
      }
      vars.properties().iterator().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
    }
    for (String key : out.keySet()) {
      if (!ENV_KEY.matcher(key).matches()) {
        // Values are never quoted back: they may be secrets.
        throw LambdaErrors.validation("'[" + key + "]'", "environment.variables",
            "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]");
      }
    }
    java.util.List<String> withNul = out.entrySet().stream().filter(e -> e.getValue().indexOf('\0') >= 0)
        .map(Map.Entry::getKey).toList();
    if (!withNul.isEmpty()) {
      // No process environment can hold a NUL (the runtime could never start); the value may be a secret,
      // so only the keys are named.
      throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the value of "
          + String.join(", ", withNul) + " contains a NUL character (\\u0000), which an environment variable"
          + " cannot hold. Remove it from the value.");
    }
    java.util.List<String> reserved = out.keySet().stream().filter(RESERVED_ENV::contains).toList();
    if (!reserved.isEmpty()) {
      throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the environment"
          + " variables you have provided contains reserved keys that are currently not supported for modification."
          + " Reserved keys used in this request: " + String.join(", ", reserved));
    }
    try {
      byte[] measured = Json.MAPPER.writeValueAsBytes(out);
      if (measured.length > 4096) {
        // AWS quotes the measured string; with secrets in it, only its size is given here.
        throw LambdaErrors.invalid("Lambda was unable to configure your environment variables because the"
            + " environment variables you have provided exceeded the 4KB limit. String measured: " + measured.length
            + " bytes of JSON (the variables are not repeated here, as they may hold secrets)");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static void logging(JsonNode lc, FunctionVersion v) {
    if (has(lc, "LogFormat")) {
      String f = text(lc, "LogFormat");
      enumValue(f, "loggingConfig.logFormat", "JSON", "Text");
      v.logFormat = f;
    }
    if (has(lc, "ApplicationLogLevel")) {
      String l = text(lc, "ApplicationLogLevel");
      enumValue(l, "loggingConfig.applicationLogLevel", "TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
      v.applicationLogLevel = l;
    }
    if (has(lc, "SystemLogLevel")) {
      String l = text(lc, "SystemLogLevel");
      enumValue(l, "loggingConfig.systemLogLevel", "DEBUG", "INFO", "WARN");
      v.systemLogLevel = l;
    }
    if (has(lc, "LogGroup")) {
      String g = text(lc, "LogGroup");
      if (!g.matches("[\\.\\-_/#A-Za-z0-9]+") || g.length() > 512) {
        throw LambdaErrors.validation("'" + g + "'", "loggingConfig.logGroup",
            "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
      }
      v.logGroup = g;
    }
    if ("Text".equals(v.logFormat) && (v.applicationLogLevel != null || v.systemLogLevel != null)) {
      throw LambdaErrors.invalid("Invalid LoggingConfig: Application and System log levels are only supported with"
          + " the JSON log format.");
    }
  }

  private static void refuseUnsupported(ObjectNode req) {
    if (nonEmptyList(req, "Layers")) {
      throw LambdaErrors.invalid("The local cloud does not support layers: package the layer's content in the"
          + " function's .zip file instead.");
    }
    JsonNode vpc = req.get("VpcConfig");
    if (vpc != null && (nonEmptyList(vpc, "SubnetIds") || nonEmptyList(vpc, "SecurityGroupIds"))) {
      throw LambdaErrors.invalid("The local cloud has no VPCs: remove VpcConfig (or leave its SubnetIds and"
          + " SecurityGroupIds empty) to run this function locally.");
    }
    if (nonEmptyList(req, "FileSystemConfigs")) {
      throw LambdaErrors.invalid("The local cloud has no Amazon EFS file systems: FileSystemConfigs is not supported.");
    }
    if (has(req, "ImageConfig")) {
      throw LambdaErrors.invalid("The local cloud runs only .zip functions: ImageConfig is not supported.");
    }
    if (has(req, "CodeSigningConfigArn")) {
      throw LambdaErrors.invalid("The local cloud does not verify code signatures: CodeSigningConfigArn is not supported.");
    }
    if (has(req, "CapacityProviderConfig") || has(req, "DurableConfig") || has(req, "TenancyConfig")) {
      throw LambdaErrors.invalid("The local cloud does not support capacity providers, durable functions or tenant"
          + " isolation: remove CapacityProviderConfig, DurableConfig and TenancyConfig.");
    }
  }

  private static int range(JsonNode node, String field, String member, int min, int max) {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      // A structure without its required number (EphemeralStorage {} or [], say).
      throw missing(member);
    }
    if (!n.isIntegralNumber()) {
      throw LambdaErrors.badJson(field + " must be an integer, not " + n);
    }
    long value = n.asLong();
    if (value < min) {
      throw LambdaErrors.validation("'" + value + "'", member, "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw LambdaErrors.validation("'" + value + "'", member, "Member must have value less than or equal to " + max);
    }
    return (int) value;
  }

  static void enumValue(String value, String member, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return;
      }
    }
    throw LambdaErrors.validation("'" + value + "'", member,
        "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
  }

  static boolean has(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n != null && !n.isNull();
  }

  static String text(JsonNode node, String field) {
    JsonNode n = node.get(field);
    if (!n.isTextual()) {
      throw LambdaErrors.badJson(field + " must be a string, not " + n);
    }
    return n.asText();
  }

  private static boolean nonEmptyList(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n != null && n.isArray() && n.size() > 0;
  }

  /** Unused member value check for the message "Value null". */
  static AwsError missing(String member) {
    return LambdaErrors.validation("null", member, "Member must not be null");
  }
}
