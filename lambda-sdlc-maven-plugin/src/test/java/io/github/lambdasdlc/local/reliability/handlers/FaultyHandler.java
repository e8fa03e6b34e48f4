package io.github.lambdasdlc.local.reliability.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java function that misbehaves on request: {@code {"fault": "loop" | "exit" | "oom" | "stack" | "big" |
 * "flood" | "echo"}}. Used by the reliability tests of the execution engine.
 */
public class FaultyHandler implements RequestHandler<Map<String, Object>, Object> {
  @Override
  public Object handleRequest(Map<String, Object> event, Context context) {
    String fault = String.valueOf(event.get("fault"));
    switch (fault) {
      case "loop" -> {
        long spins = 0;
        while (!Thread.currentThread().isInterrupted()) {
          spins++;
        }
        return spins;
      }
      case "exit" -> {
        System.exit(7);
        return null;
      }
      case "oom" -> {
        List<byte[]> hoard = new ArrayList<>();
        while (true) {
          hoard.add(new byte[1024 * 1024]);
        }
      }
      case "stack" -> {
        return recurse(0);
      }
      case "big" -> {
        return "x".repeat(7 * 1024 * 1024);
      }
      case "flood" -> {
        int megabytes = ((Number) event.getOrDefault("megabytes", 50)).intValue();
        String line = "flood ".repeat(170); // 1,020 characters and a newline: about 1 KiB
        for (int i = 0; i < megabytes * 1024; i++) {
          System.out.println(i + " " + line);
        }
        System.out.println("flood done");
        return "flooded";
      }
      default -> {
        return "echo " + event.get("value");
      }
    }
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
