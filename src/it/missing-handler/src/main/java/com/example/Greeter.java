package com.example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Greets the event's {@code name}; says which build it is (build.properties) so tests can tell builds apart. */
public class Greeter implements RequestHandler<Map<String, Object>, Map<String, Object>> {
  private static final String BUILD = buildLabel();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    Object name = event == null ? null : event.get("name");
    if (name == null || name.toString().isBlank()) {
      throw new IllegalArgumentException("name is required");
    }
    String greeting = System.getenv().getOrDefault("GREETING", "Hello");
    context.getLogger().log("Greeting " + name);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("greeting", greeting + ", " + name + "!");
    answer.put("build", BUILD);
    return answer;
  }

  private static String buildLabel() {
    Properties p = new Properties();
    try (InputStream in = Greeter.class.getResourceAsStream("/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("label", "unlabelled");
  }
}
