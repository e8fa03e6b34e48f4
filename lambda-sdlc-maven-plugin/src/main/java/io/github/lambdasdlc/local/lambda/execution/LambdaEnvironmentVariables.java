package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment of a runtime process, as Lambda sets it: Lambda's defaults, then the function's own
 * variables, then the reserved variables, which a function cannot override. Credentials are fixed,
 * obvious placeholders (AWS's documented example keys), never the developer's own.
 */
final class LambdaEnvironmentVariables {
  static final String PLACEHOLDER_ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
  static final String PLACEHOLDER_SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  static final String PLACEHOLDER_SESSION_TOKEN = "local-cloud-placeholder-session-token";

  /**
   * Variables a function cannot set: one switches AWS's runtime clients into a mode Lambda uses only for
   * other products (managed instances); the other names the descriptor of framed log events, which only
   * the local cloud itself sets, when it gives the runtime one (see {@link RuntimePipe}).
   */
  private static final Set<String> NEVER = Set.of("AWS_LAMBDA_MAX_CONCURRENCY", "_LAMBDA_TELEMETRY_LOG_FD");

  private LambdaEnvironmentVariables() {
  }

  /**
   * @param executionEnv {@code AWS_EXECUTION_ENV}, or null when the runtime's family sets none
   * @param familyDefaults the runtime family's own variables (such as {@code NODE_PATH}), which a function may
   *     override
   * @param cloudVariables where the function's AWS SDKs reach AWS ({@code AWS_ENDPOINT_URL} for the local cloud,
   *     {@code AWS_ENDPOINT_URL_<SERVICE>} for the services it does not emulate), which a function may override
   */
  static Map<String, String> build(ExecutableFunction function, String executionEnv, Map<String, String> familyDefaults,
      Map<String, String> cloudVariables,
      String region, String runtimeApi, Path taskRoot, Path runtimeDir, String logGroup, String logStream, String path) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("PATH", path);
    env.put("LANG", "en_US.UTF-8");
    env.put("TZ", ":UTC");
    env.putAll(familyDefaults);
    env.putAll(cloudVariables);
    if (function.environment() != null) {
      env.putAll(function.environment());
    }
    env.put("_HANDLER", function.handler());
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
    env.put("AWS_LAMBDA_FUNCTION_VERSION", function.version());
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", logGroup);
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStream);
    env.put("AWS_REGION", region);
    env.put("AWS_DEFAULT_REGION", region);
    if (executionEnv != null) {
      env.put("AWS_EXECUTION_ENV", executionEnv);
    } else {
      env.remove("AWS_EXECUTION_ENV");
    }
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("AWS_ACCESS_KEY_ID", PLACEHOLDER_ACCESS_KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", PLACEHOLDER_SECRET_ACCESS_KEY);
    env.put("AWS_SESSION_TOKEN", PLACEHOLDER_SESSION_TOKEN);
    env.keySet().removeAll(NEVER);
    return env;
  }
}
