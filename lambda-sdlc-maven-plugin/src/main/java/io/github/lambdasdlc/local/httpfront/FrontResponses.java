package io.github.lambdasdlc.local.httpfront;

import io.github.lambdasdlc.local.http.HttpResponse;
import java.util.UUID;

/** The front's own answers (not the function's), in the shape AWS's function URLs give them: {@code {"Message":...}}. */
final class FrontResponses {
  private FrontResponses() {
  }

  static HttpResponse message(int status, String message) {
    return new HttpResponse(status, "application/json", FrontServer.utf8("{\"Message\":" + quote(message) + "}"))
        .header("x-amzn-RequestId", UUID.randomUUID().toString());
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
