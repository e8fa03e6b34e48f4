package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Says where and why a JSON text is malformed in the user's terms, {@code line 3, column 7: Unexpected
 * character ...}, without Jackson's internals ({@code [Source: REDACTED (StreamReadFeature...)]}).
 */
final class JsonSyntax {
  /** Jackson's location inside a message, such as the start marker of an unclosed object. */
  private static final Pattern SOURCE = Pattern.compile(
      "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private JsonSyntax() {
  }

  /** {@code line L, column C: what is wrong}, or the first line of the message of a plain I/O error. */
  static String describe(IOException e) {
    if (e instanceof JsonProcessingException j) {
      String what = SOURCE.matcher(String.valueOf(j.getOriginalMessage())).replaceAll("line $1, column $2");
      JsonLocation at = j.getLocation();
      return (at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
          + firstLine(what);
    }
    return firstLine(String.valueOf(e.getMessage()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
