package io.github.lambdasdlc.local.logs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The opaque {@code nextToken} of the listing operations: the sort key of the last item a page held, so
 * that the next page starts after it even when items were added or removed in between. A token this
 * service did not make answers AWS's {@code The specified nextToken is invalid.}
 */
final class PageToken {
  private static final String MAGIC = "lsdlc1";
  private static final char SEPARATOR = '\u0000';

  private PageToken() {
  }

  /** A token for an operation ({@code kind}) holding the given parts. */
  static String encode(String kind, String... parts) {
    StringBuilder text = new StringBuilder(MAGIC).append(SEPARATOR).append(kind);
    for (String part : parts) {
      text.append(SEPARATOR).append(part);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** The parts of a token made by {@link #encode} for {@code kind} with {@code count} parts. */
  static List<String> decode(String token, String kind, int count) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw LogsErrors.invalidNextToken();
    }
    List<String> parts = Arrays.asList(text.split(String.valueOf(SEPARATOR), -1));
    if (parts.size() != count + 2 || !parts.get(0).equals(MAGIC) || !parts.get(1).equals(kind)) {
      throw LogsErrors.invalidNextToken();
    }
    return parts.subList(2, parts.size());
  }

  /** A number inside a token. */
  static long number(String part) {
    try {
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw LogsErrors.invalidNextToken();
    }
  }
}
