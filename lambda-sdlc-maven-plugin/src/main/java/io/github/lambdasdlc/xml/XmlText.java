package io.github.lambdasdlc.xml;

/**
 * XML text, escaped once for every XML the plugin writes: the local cloud's Query protocol answers and the
 * integration-test goal's JUnit reports. Depends on nothing but the JDK, so that both may use it.
 */
public final class XmlText {
  private XmlText() {
  }

  /**
   * Escapes text for element content or a double- or single-quoted attribute: the five predefined entities,
   * CR as a reference (a reader would normalise it to LF), and every character XML 1.0 cannot carry
   * (control characters other than tab, LF and CR, lone surrogates, U+FFFE, U+FFFF) as U+FFFD, so that what
   * was there stays visible.
   */
  public static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    escape(text, sb);
    return sb.toString();
  }

  /** As {@link #escape(String)}, appending to {@code sb}. */
  public static void escape(String text, StringBuilder sb) {
    text.codePoints().forEach(c -> {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&apos;");
        case '\r' -> sb.append("&#xD;");
        default -> sb.appendCodePoint(allowed(c) ? c : 0xFFFD);
      }
    });
  }

  /**
   * As {@link #escape(String, StringBuilder)}, for a double-quoted attribute value that must read back as written:
   * LF and tab as references too, which a reader would otherwise normalise to spaces.
   */
  public static void escapeAttribute(String text, StringBuilder sb) {
    int from = sb.length();
    escape(text, sb);
    for (int i = from; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (c == '\n' || c == '\t') {
        String reference = c == '\n' ? "&#xA;" : "&#x9;";
        sb.replace(i, i + 1, reference);
        i += reference.length() - 1;
      }
    }
  }

  /** XML 1.0's Char production. */
  private static boolean allowed(int c) {
    return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
        || c >= 0x10000 && c <= 0x10FFFF;
  }
}
