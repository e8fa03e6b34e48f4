package io.github.lambdasdlc.local.lambda.execution.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Cannot be created: the runtime reports an init error. */
public class BrokenConstructorHandler implements RequestHandler<Map<String, Object>, String> {
  public BrokenConstructorHandler() {
    throw new IllegalStateException("no database configured");
  }

  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    return "never";
  }
}
