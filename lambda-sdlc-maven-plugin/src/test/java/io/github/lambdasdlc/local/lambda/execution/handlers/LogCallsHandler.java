package io.github.lambdasdlc.local.lambda.execution.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Logs as handlers do, without line breaks: two calls of the context's logger, one of the runtime's, one
 * with a line break inside; then fails unless the event has an {@code orderId}.
 */
public class LogCallsHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    context.getLogger().log("{\"lines\":[]}");
    context.getLogger().log("second call");
    LambdaRuntime.getLogger().log("through LambdaRuntime");
    context.getLogger().log("two lines\nin one call\n");
    System.out.println("printed to stdout");
    Object orderId = event.get("orderId");
    if (orderId == null) {
      throw new IllegalArgumentException("orderId is required");
    }
    return "order " + orderId;
  }
}
