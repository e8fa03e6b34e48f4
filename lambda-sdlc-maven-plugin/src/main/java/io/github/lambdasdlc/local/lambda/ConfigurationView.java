package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;

/**
 * Renders stored versions and aliases in the wire shapes of the model ({@code FunctionConfiguration},
 * {@code AliasConfiguration}), member by member as AWS returns them.
 */
final class ConfigurationView {
  private final LocalContext context;

  ConfigurationView(LocalContext context) {
    this.context = context;
  }

  /**
   * A FunctionConfiguration.
   *
   * @param qualifiedLatest whether $LATEST's ARN carries {@code :$LATEST} (ListVersionsByFunction does)
   * @param listing whether this is an item of a list: AWS leaves the state members out of list items
   */
  ObjectNode configuration(String functionName, FunctionVersion v, boolean qualifiedLatest, boolean listing) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    String arn = FunctionRef.arn(context, functionName);
    boolean latest = "$LATEST".equals(v.version);
    n.put("FunctionName", functionName);
    n.put("FunctionArn", latest && !qualifiedLatest ? arn : arn + ":" + v.version);
    n.put("Runtime", v.runtime);
    n.put("Role", v.role);
    n.put("Handler", v.handler);
    n.put("CodeSize", v.codeSize);
    n.put("Description", v.description == null ? "" : v.description);
    n.put("Timeout", v.timeout);
    n.put("MemorySize", v.memorySize);
    n.put("LastModified", v.lastModified);
    n.put("CodeSha256", v.codeSha256);
    n.put("Version", v.version);
    if (v.environment != null) {
      ObjectNode vars = n.putObject("Environment").putObject("Variables");
      v.environment.forEach(vars::put);
    }
    if (v.deadLetterTargetArn != null) {
      n.putObject("DeadLetterConfig").put("TargetArn", v.deadLetterTargetArn);
    }
    if (v.kmsKeyArn != null) {
      n.put("KMSKeyArn", v.kmsKeyArn);
    }
    n.putObject("TracingConfig").put("Mode", v.tracingMode);
    n.put("RevisionId", v.revisionId);
    if (!listing) {
      putIfSet(n, "State", v.state);
      putIfSet(n, "StateReason", v.stateReason);
      putIfSet(n, "StateReasonCode", v.stateReasonCode);
      putIfSet(n, "LastUpdateStatus", v.lastUpdateStatus);
      putIfSet(n, "LastUpdateStatusReason", v.lastUpdateStatusReason);
      putIfSet(n, "LastUpdateStatusReasonCode", v.lastUpdateStatusReasonCode);
    }
    n.put("PackageType", "Zip");
    n.putArray("Architectures").add(v.architecture);
    n.putObject("EphemeralStorage").put("Size", v.ephemeralStorage);
    ObjectNode snapStart = n.putObject("SnapStart");
    snapStart.put("ApplyOn", v.snapStartApplyOn);
    // Only published versions are snapshotted; $LATEST never is.
    snapStart.put("OptimizationStatus", !latest && "PublishedVersions".equals(v.snapStartApplyOn) ? "On" : "Off");
    ObjectNode logging = n.putObject("LoggingConfig");
    logging.put("LogFormat", v.logFormat);
    putIfSet(logging, "ApplicationLogLevel", v.applicationLogLevel);
    putIfSet(logging, "SystemLogLevel", v.systemLogLevel);
    logging.put("LogGroup", v.logGroup);
    return n;
  }

  ObjectNode alias(String functionName, AliasRecord a) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("AliasArn", FunctionRef.arn(context, functionName) + ":" + a.name);
    n.put("Name", a.name);
    n.put("FunctionVersion", a.functionVersion);
    n.put("Description", a.description == null ? "" : a.description);
    if (a.additionalVersionWeights != null) {
      ObjectNode weights = n.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
      a.additionalVersionWeights.forEach(weights::put);
    }
    n.put("RevisionId", a.revisionId);
    return n;
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }
}
