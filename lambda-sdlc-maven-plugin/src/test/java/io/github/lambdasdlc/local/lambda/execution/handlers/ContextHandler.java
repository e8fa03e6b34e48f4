package io.github.lambdasdlc.local.lambda.execution.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Reports what the function sees: its context, its environment, its JVM; logs through the context. */
public class ContextHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    context.getLogger().log("logged through the context logger\n");
    System.err.println("written to stderr");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requestId", context.getAwsRequestId());
    out.put("functionName", context.getFunctionName());
    out.put("functionVersion", context.getFunctionVersion());
    out.put("memoryLimitInMB", context.getMemoryLimitInMB());
    out.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
    out.put("logGroupName", context.getLogGroupName());
    out.put("logStreamName", context.getLogStreamName());
    out.put("invokedFunctionArn", context.getInvokedFunctionArn());
    out.put("javaVersion", System.getProperty("java.version"));
    out.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    out.put("pid", ProcessHandle.current().pid());
    out.put("workingDirectory", System.getProperty("user.dir"));
    out.put("environment", new TreeMap<>(System.getenv()));
    return out;
  }
}
