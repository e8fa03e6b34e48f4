package io.github.lambdasdlc.local.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A CloudWatch Logs filter pattern for unstructured events, as FilterLogEvents applies it:
 *
 * <ul>
 *   <li>an empty pattern matches every event;</li>
 *   <li>{@code ERROR Exception}: every term must appear (case-sensitive);</li>
 *   <li>{@code "Failed to process"}: a quoted phrase is one term, spaces and all;</li>
 *   <li>{@code ERROR -Retrying}: a term after {@code -} must not appear;</li>
 *   <li>{@code ?ERROR ?WARN}: {@code ?} starts an alternative, so {@code ?ERROR MainThread ?WARN Deadlock}
 *       matches (ERROR and MainThread) or (WARN and Deadlock), as AWS CDK's {@code anyTermGroup} writes it;</li>
 *   <li>{@code %regex%}: a term matched by a regular expression; AWS's regex dialect has no groups, so
 *       {@code (} and {@code )} are refused as AWS refuses them.</li>
 * </ul>
 *
 * JSON patterns ({@code { $.level = "ERROR" }}) and space-delimited patterns ({@code [ip, user, ...]}) are
 * not emulated: they answer InvalidParameterException saying so, rather than matching wrongly.
 */
final class FilterPattern {
  private static final FilterPattern ALL = new FilterPattern(List.of());

  private final List<Clause> alternatives;

  private FilterPattern(List<Clause> alternatives) {
    this.alternatives = alternatives;
  }

  /** Parses a pattern; null or blank matches everything. */
  static FilterPattern parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    String trimmed = text.strip();
    if (trimmed.startsWith("{")) {
      throw LogsErrors.invalidParameter("JSON filter patterns ({ $.field ... }) are not supported by the local cloud:"
          + " use terms, \"quoted phrases\", ?term, -term or %regex%.");
    }
    if (trimmed.startsWith("[")) {
      throw LogsErrors.invalidParameter("Space-delimited filter patterns ([field, ...]) are not supported by the local"
          + " cloud: use terms, \"quoted phrases\", ?term, -term or %regex%.");
    }
    List<Clause> clauses = new ArrayList<>();
    Clause current = null;
    int i = 0;
    int n = trimmed.length();
    while (i < n) {
      char c = trimmed.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      char modifier = 0;
      if (c == '?' || c == '-') {
        modifier = c;
        i++;
        if (i >= n || Character.isWhitespace(trimmed.charAt(i))) {
          throw LogsErrors.invalidParameter("Invalid filter pattern '" + text + "': '" + c + "' must be followed by a"
              + " term.");
        }
      }
      int start = i;
      Term term;
      char open = trimmed.charAt(i);
      if (open == '"' || open == '%') {
        int close = findClose(trimmed, i + 1, open);
        if (close < 0) {
          throw LogsErrors.invalidParameter("Invalid filter pattern '" + text + "': the " + (open == '"' ? "quote" : "%")
              + " at position " + (start + 1) + " is not closed.");
        }
        String inner = trimmed.substring(i + 1, close);
        term = open == '"' ? Term.literal(inner.replace("\\\"", "\"")) : Term.regex(inner, text);
        i = close + 1;
      } else {
        while (i < n && !Character.isWhitespace(trimmed.charAt(i))) {
          i++;
        }
        term = Term.literal(trimmed.substring(start, i));
      }
      if (modifier == '?' || current == null) {
        current = new Clause(new ArrayList<>(), new ArrayList<>());
        clauses.add(current);
      }
      (modifier == '-' ? current.excluded() : current.required()).add(term);
    }
    return new FilterPattern(List.copyOf(clauses));
  }

  private static int findClose(String text, int from, char quote) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote == '"') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  boolean matchesAll() {
    return alternatives.isEmpty();
  }

  boolean matches(String message) {
    if (alternatives.isEmpty()) {
      return true;
    }
    for (Clause clause : alternatives) {
      if (clause.matches(message)) {
        return true;
      }
    }
    return false;
  }

  private record Clause(List<Term> required, List<Term> excluded) {
    boolean matches(String message) {
      for (Term t : required) {
        if (!t.in(message)) {
          return false;
        }
      }
      for (Term t : excluded) {
        if (t.in(message)) {
          return false;
        }
      }
      return true;
    }
  }

  private record Term(String literal, Pattern regex) {
    static Term literal(String text) {
      return new Term(text, null);
    }

    static Term regex(String expression, String pattern) {
      if (expression.isEmpty()) {
        throw LogsErrors.invalidParameter("Invalid filter pattern '" + pattern + "': an empty %...% term has no regular expression.");
      }
      if (expression.indexOf('(') >= 0 || expression.indexOf(')') >= 0) {
        throw LogsErrors.invalidParameter("Invalid filter pattern '" + pattern + "': the ( and ) operators are not"
            + " supported in regular expressions.");
      }
      try {
        return new Term(null, Pattern.compile(expression));
      } catch (PatternSyntaxException e) {
        throw LogsErrors.invalidParameter("Invalid filter pattern '" + pattern + "': " + e.getDescription() + " in %"
            + expression + "%.");
      }
    }

    boolean in(String message) {
      return regex == null ? message.contains(literal) : regex.matcher(message).find();
    }
  }
}
