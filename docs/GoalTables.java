import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Writes (or checks) the parameter tables of the documentation from the plugin descriptor that Maven
 * generates from the mojos' Javadoc, so that the README never drifts from the code. A single-file program
 * that needs only a JDK:
 *
 * <pre>
 * ./mvnw -q -pl lambda-sdlc-maven-plugin process-classes        # generates target/classes/META-INF/maven/plugin.xml
 * java docs/GoalTables.java --write README.md                 # rewrites the marked tables
 * java docs/GoalTables.java --check README.md                 # exits 1, naming each table that differs
 * </pre>
 *
 * A table is the text between a line {@code <!-- plugin-parameters KIND -->} and the next
 * {@code <!-- /plugin-parameters -->}, where KIND is {@code shared} (the parameters that every goal with an
 * {@code endpoint} shares, with the same property, default and description) or {@code goal=NAME} (that goal's
 * settable parameters, without the shared ones). {@code --descriptor PATH} reads another plugin.xml; the
 * default is {@code lambda-sdlc-maven-plugin/target/classes/META-INF/maven/plugin.xml} under the current
 * directory. The plugin's unit tests run {@code --check} on the README.
 */
public final class GoalTables {
  private static final Pattern BLOCK = Pattern.compile(
      "(<!-- plugin-parameters ([^>]*?) -->\\n)(.*?)(<!-- /plugin-parameters -->)", Pattern.DOTALL);

  /** One settable parameter as the descriptor declares it. */
  record Param(String name, String property, String defaultValue, boolean required, String description) {
  }

  public static void main(String[] args) throws Exception {
    String mode = null;
    Path descriptor = Path.of("lambda-sdlc-maven-plugin/target/classes/META-INF/maven/plugin.xml");
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--write", "--check" -> mode = args[i];
        case "--descriptor" -> descriptor = Path.of(args[++i]);
        default -> files.add(Path.of(args[i]));
      }
    }
    if (mode == null || files.isEmpty()) {
      System.err.println("usage: java docs/GoalTables.java --write|--check [--descriptor plugin.xml] FILE.md...");
      System.exit(2);
    }
    if (!Files.isRegularFile(descriptor)) {
      System.err.println(descriptor + " does not exist: build the plugin first"
          + " (./mvnw -q -pl lambda-sdlc-maven-plugin process-classes).");
      System.exit(2);
    }
    Map<String, Map<String, Param>> goals = read(descriptor);
    int stale = 0;
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> differing = new ArrayList<>();
      String updated = render(text, goals, differing);
      if (mode.equals("--write")) {
        if (!updated.equals(text)) {
          Files.writeString(file, updated, StandardCharsets.UTF_8);
          System.out.println("Rewrote " + String.join(", ", differing) + " in " + file);
        }
      } else {
        for (String kind : differing) {
          System.err.println(file + ": the table '" + kind + "' differs from " + descriptor
              + ". Run: java docs/GoalTables.java --write " + file);
        }
        stale += differing.size();
      }
    }
    System.exit(stale == 0 ? 0 : 1);
  }

  /** The text with every marked table regenerated; the kinds of the tables that changed go to {@code changed}. */
  static String render(String text, Map<String, Map<String, Param>> goals, List<String> changed) {
    Matcher m = BLOCK.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String kind = m.group(2).trim();
      String table = table(kind, goals);
      if (!table.equals(m.group(3))) {
        changed.add(kind);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + table + m.group(4)));
    }
    m.appendTail(out);
    return out.toString();
  }

  static String table(String kind, Map<String, Map<String, Param>> goals) {
    Map<String, Param> shared = shared(goals);
    List<Param> rows;
    if (kind.equals("shared")) {
      rows = new ArrayList<>(shared.values());
    } else if (kind.startsWith("goal=")) {
      String goal = kind.substring("goal=".length());
      Map<String, Param> params = goals.get(goal);
      if (params == null) {
        throw new IllegalArgumentException("The plugin has no goal '" + goal + "' (it has " + goals.keySet() + ")");
      }
      boolean usesShared = params.containsKey("endpoint");
      rows = params.values().stream().filter(p -> !usesShared || !shared.containsKey(p.name())).toList();
    } else {
      throw new IllegalArgumentException("Unknown table kind '" + kind + "': use shared or goal=NAME");
    }
    StringBuilder s = new StringBuilder("| parameter | property | default | meaning |\n|---|---|---|---|\n");
    for (Param p : rows) {
      s.append("| `").append(p.name()).append("` | ")
          .append(p.property() == null ? "(POM only)" : "`" + p.property() + "`").append(" | ")
          .append(p.defaultValue() == null ? (p.required() ? "required" : "") : "`" + p.defaultValue() + "`")
          .append(" | ").append(markdown(p.description())).append(" |\n");
    }
    return s.toString();
  }

  /** The parameters that every goal with an {@code endpoint} declares identically, by name. */
  static Map<String, Param> shared(Map<String, Map<String, Param>> goals) {
    List<Map<String, Param>> sdlc = goals.values().stream().filter(g -> g.containsKey("endpoint")).toList();
    Map<String, Param> shared = new LinkedHashMap<>();
    if (sdlc.isEmpty()) {
      return shared;
    }
    for (Param p : sdlc.get(0).values()) {
      if (sdlc.stream().allMatch(g -> Objects.equals(g.get(p.name()), p))) {
        shared.put(p.name(), p);
      }
    }
    return shared;
  }

  /** Each goal's settable (not read-only) parameters, sorted by name, in the descriptor's goal order. */
  static Map<String, Map<String, Param>> read(Path descriptor) throws Exception {
    Document doc;
    try {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(descriptor.toFile());
    } catch (IOException e) {
      throw new IOException("Cannot read " + descriptor + ": " + e.getMessage(), e);
    }
    Map<String, Map<String, Param>> goals = new LinkedHashMap<>();
    NodeList mojos = doc.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = child(mojo, "goal");
      if ("help".equals(goal)) {
        continue;
      }
      Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
      Map<String, Param> params = new java.util.TreeMap<>();
      Element parameters = (Element) mojo.getElementsByTagName("parameters").item(0);
      NodeList ps = parameters == null ? null : parameters.getElementsByTagName("parameter");
      for (int j = 0; ps != null && j < ps.getLength(); j++) {
        Element p = (Element) ps.item(j);
        if (!Boolean.parseBoolean(child(p, "editable"))) {
          continue;
        }
        String name = child(p, "name");
        Element conf = configuration == null ? null : (Element) configuration.getElementsByTagName(name).item(0);
        String expression = conf == null ? null : conf.getTextContent().trim();
        String property = expression != null && expression.startsWith("${") && expression.endsWith("}")
            ? expression.substring(2, expression.length() - 1) : null;
        String defaultValue = conf == null || !conf.hasAttribute("default-value") ? null : conf.getAttribute("default-value");
        params.put(name, new Param(name, property, defaultValue, Boolean.parseBoolean(child(p, "required")),
            child(p, "description")));
      }
      goals.put(goal, params);
    }
    return goals;
  }

  private static String child(Element e, String name) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(name)) {
        return c.getTextContent().trim();
      }
    }
    return null;
  }

  /** One table cell: one line, with the characters Markdown would read as a cell end or HTML escaped. */
  private static String markdown(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("\\s+", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
  }
}
