package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Greets the event's {@code name}, logging what it does; a missing name is the caller's error. */
public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object name = event == null ? null : event.get("name");
    if (name == null || name.toString().isBlank()) {
      context.getLogger().log("Refusing an event without a name\n");
      throw new IllegalArgumentException("name is required");
    }
    context.getLogger().log("Greeting " + name + "\n");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("greeting", "Hello, " + name + "!");
    answer.put("length", name.toString().length());
    return answer;
  }
}
