package io.github.lambdasdlc.cfn;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The string of an {@code Fn::Sub}, cut into literal text and {@code ${Name}} variables. {@code ${!Literal}}
 * stands for the text {@code ${Literal}}; a {@code ${} that is never closed is literal text.
 */
public final class SubString {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:]+");

  /** One piece: literal text, or a variable's name. */
  public record Part(String text, boolean variable) {
  }

  private SubString() {
  }

  public static List<Part> parse(String template) {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf("${", i);
      if (open < 0) {
        literal.append(template, i, template.length());
        break;
      }
      int close = template.indexOf('}', open + 2);
      if (close < 0) {
        literal.append(template, i, template.length());
        break;
      }
      literal.append(template, i, open);
      String inner = template.substring(open + 2, close);
      if (inner.startsWith("!")) {
        literal.append("${").append(inner.substring(1)).append('}');
      } else {
        String name = inner.strip();
        if (!NAME.matcher(name).matches()) {
          throw new TemplateException("Template error: variable names in Fn::Sub syntax must contain only "
              + "alphanumeric characters, underscores, periods, and colons");
        }
        if (literal.length() > 0) {
          parts.add(new Part(literal.toString(), false));
          literal.setLength(0);
        }
        parts.add(new Part(name, true));
      }
      i = close + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), false));
    }
    return parts;
  }
}
