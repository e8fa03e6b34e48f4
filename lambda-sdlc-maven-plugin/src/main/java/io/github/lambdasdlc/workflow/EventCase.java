package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One end-to-end test case: an event to invoke the live function with, and what it must answer. A case is
 * a JSON file in {@code src/test/lambda-events/} (the file name without {@code .json} is its name):
 *
 * <pre>{@code
 * {
 *   "description": "optional words for the report",
 *   "qualifier": "optional version or alias to invoke",
 *   "event": { ...the payload... },
 *   "expect": {
 *     "response": { ...expected result... },
 *     "match": "exact" | "subset",
 *     "error": { "type": "IllegalArgumentException", "message": "part of the message" }
 *   }
 * }
 * }</pre>
 *
 * Without {@code expect} the case passes when the function answers without an error. {@code exact} (the
 * default) compares the whole JSON response; {@code subset} requires every member given to be present with
 * that value (recursively; arrays must have the same length and match element by element). With
 * {@code error}, the function must fail with exactly that error type and a message that contains the text.
 */
public record EventCase(String name, Path file, String description, String qualifier, JsonNode event,
    JsonNode expectedResponse, boolean subset, String expectedErrorType, String expectedErrorMessage,
    String problem) {

  /** A case read well. */
  public EventCase(String name, Path file, String description, String qualifier, JsonNode event,
      JsonNode expectedResponse, boolean subset, String expectedErrorType, String expectedErrorMessage) {
    this(name, file, description, qualifier, event, expectedResponse, subset, expectedErrorType,
        expectedErrorMessage, null);
  }

  /**
   * A case file that cannot be run, and why ({@code is not valid JSON: line 3, column 7: ...}): it is
   * reported as an error of its own while the other cases run.
   */
  static EventCase unreadable(Path file, String problem) {
    return new EventCase(caseName(file), file, null, null, null, null, false, null, null, problem);
  }

  /** Whether the case file could be read; {@link #problem()} says why not. */
  public boolean isReadable() {
    return problem == null;
  }

  private static final Set<String> KNOWN = Set.of("description", "qualifier", "event", "expect");
  private static final Set<String> KNOWN_EXPECT = Set.of("response", "match", "error");

  /**
   * Reads every {@code *.json} case of a directory, sorted by name. A file that is not a valid case is
   * one too, {@linkplain #isReadable() unreadable}, so that it counts as an error and the others still run.
   *
   * @throws WorkflowException when the directory cannot be listed
   */
  public static List<EventCase> load(Path directory, ObjectMapper json) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot list " + directory + ": " + e.getMessage(), e);
    }
    List<EventCase> cases = new ArrayList<>();
    for (Path file : files) {
      try {
        cases.add(read(file, json));
      } catch (InvalidCase e) {
        cases.add(unreadable(file, e.getMessage()));
      }
    }
    return cases;
  }

  private static String caseName(Path file) {
    return file.getFileName().toString().replaceFirst("(?i)\\.json$", "");
  }

  /**
   * Reads one case file.
   *
   * @throws WorkflowException naming the file and what is wrong with it (line and column for bad JSON)
   */
  static EventCase read(Path file, ObjectMapper json) {
    String name = caseName(file);
    JsonNode root;
    try {
      root = json.readTree(file.toFile());
    } catch (IOException e) {
      throw bad(file, "is not valid JSON: " + JsonSyntax.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw bad(file, "must hold a JSON object with an \"event\" member");
    }
    unknownMembers(file, root, KNOWN, "");
    if (!root.has("event")) {
      throw bad(file, "has no \"event\" member: put the payload to invoke the function with under \"event\"");
    }
    JsonNode expect = root.path("expect");
    if (!expect.isMissingNode() && !expect.isObject()) {
      throw bad(file, "has an \"expect\" that is not an object");
    }
    unknownMembers(file, expect, KNOWN_EXPECT, "expect.");
    String match = expect.path("match").asText("exact");
    if (!match.equals("exact") && !match.equals("subset")) {
      throw bad(file, "has \"expect.match\": \"" + match + "\"; use \"exact\" or \"subset\"");
    }
    JsonNode error = expect.path("error");
    if (!error.isMissingNode() && expect.has("response")) {
      throw bad(file, "expects both a response and an error; a case expects one or the other");
    }
    if (!error.isMissingNode() && (!error.isObject() || !error.has("type"))) {
      throw bad(file, "has an \"expect.error\" without a \"type\" (the error type the function must fail with)");
    }
    return new EventCase(name, file, text(root, "description"), text(root, "qualifier"), root.get("event"),
        expect.has("response") ? expect.get("response") : null, match.equals("subset"),
        error.isMissingNode() ? null : error.get("type").asText(),
        error.isMissingNode() ? null : text(error, "message"));
  }

  private static void unknownMembers(Path file, JsonNode node, Set<String> known, String prefix) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
      String key = it.next().getKey();
      if (!known.contains(key)) {
        throw bad(file, "has an unknown member \"" + prefix + key + "\"; known: " + new java.util.TreeSet<>(known));
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static WorkflowException bad(Path file, String what) {
    return new InvalidCase("The event case " + file + " " + what + ". The format is described in the README"
        + " (section 'integration-test') and by mvn lambda-sdlc:help -Ddetail -Dgoal=integration-test.");
  }

  /** A case file that is not a valid case: the user's to fix. */
  private static final class InvalidCase extends WorkflowException {
    InvalidCase(String message) {
      super(message, null, true);
    }
  }

  public boolean expectsError() {
    return expectedErrorType != null;
  }

  /**
   * Whether {@code actual} satisfies {@code expected}: equal, or with {@code subset} every member of
   * {@code expected} present in {@code actual} with a matching value.
   */
  public static boolean matches(JsonNode expected, JsonNode actual, boolean subset) {
    if (!subset) {
      return expected.equals(actual);
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode a = actual.get(e.getKey());
        if (a == null || !matches(e.getValue(), a, true)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i), true)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }
}
