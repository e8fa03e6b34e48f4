package io.github.lambdasdlc.local.lambda.execution.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Sleeps for the event's {@code millis}, then answers. */
public class SleepingHandler implements RequestHandler<Map<String, Object>, String> {
  @Override
  public String handleRequest(Map<String, Object> event, Context context) {
    System.out.println("going to sleep");
    try {
      Thread.sleep(((Number) event.get("millis")).longValue());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "awake";
  }
}
