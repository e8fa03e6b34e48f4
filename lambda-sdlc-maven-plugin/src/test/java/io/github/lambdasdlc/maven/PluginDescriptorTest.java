package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The conventions of the generated plugin descriptor: every settable parameter of the SDLC goals is
 * documented and has a {@code lambda-sdlc.*} property, except maps (which no property can hold) and the
 * standard test switches honoured like Surefire and Failsafe do.
 */
class PluginDescriptorTest {
  static final List<String> GOALS = List.of("init", "prepare", "deploy", "integration-test", "status", "invoke", "logs",
      "events", "destroy", "template");
  /** The operator goals: for the command line, bound to no phase. */
  static final List<String> OPERATOR_GOALS = List.of("status", "invoke", "logs", "events", "destroy", "template");
  /** The goals that work on a stack: all but template. */
  static final List<String> STACK_GOALS = GOALS.stream().filter(g -> !g.equals("template")).toList();
  static final Set<String> MAPS = Set.of("parameters", "tags", "environment");
  static final Set<String> STANDARD = Set.of("${skipTests}", "${skipITs}", "${maven.test.skip}",
      "${maven.test.failure.ignore}");

  record Param(String name, boolean editable, String description, String expression, String defaultValue) {
  }

  private static Map<String, Map<String, Param>> descriptor() throws Exception {
    Document doc;
    try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    Map<String, Map<String, Param>> goals = new HashMap<>();
    NodeList mojos = doc.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      String goal = text(mojo, "goal");
      Map<String, Param> params = new HashMap<>();
      Element configuration = (Element) mojo.getElementsByTagName("configuration").item(0);
      NodeList ps = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
      for (int j = 0; j < ps.getLength(); j++) {
        Element p = (Element) ps.item(j);
        String name = text(p, "name");
        Element conf = configuration == null ? null : (Element) configuration.getElementsByTagName(name).item(0);
        params.put(name, new Param(name, Boolean.parseBoolean(text(p, "editable")), text(p, "description"),
            conf == null ? null : conf.getTextContent(), conf == null ? null : conf.getAttribute("default-value")));
      }
      goals.put(goal, params);
    }
    return goals;
  }

  /** The aliases of a goal's parameters, by parameter name. */
  private static Map<String, String> aliases(String goal) throws Exception {
    Document doc;
    try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    Map<String, String> aliases = new HashMap<>();
    NodeList mojos = doc.getElementsByTagName("mojo");
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (goal.equals(text(mojo, "goal"))) {
        NodeList ps = ((Element) mojo.getElementsByTagName("parameters").item(0)).getElementsByTagName("parameter");
        for (int j = 0; j < ps.getLength(); j++) {
          Element p = (Element) ps.item(j);
          if (text(p, "alias") != null) {
            aliases.put(text(p, "name"), text(p, "alias"));
          }
        }
      }
    }
    return aliases;
  }

  private static String text(Element e, String child) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c && c.getTagName().equals(child)) {
        return c.getTextContent();
      }
    }
    return null;
  }

  @Test
  void everySettableParameterIsDocumentedAndHasALambdaSdlcProperty() throws Exception {
    Map<String, Map<String, Param>> goals = descriptor();
    assertThat(goals).containsKeys(GOALS.toArray(String[]::new));
    for (String goal : GOALS) {
      for (Param p : goals.get(goal).values()) {
        if (!p.editable()) {
          continue;
        }
        assertThat(p.description()).as(goal + " " + p.name() + " is documented").isNotBlank();
        if (MAPS.contains(p.name())) {
          assertThat(p.expression()).as(goal + " " + p.name()).isNull();
        } else if (!STANDARD.contains(p.expression())) {
          assertThat(p.expression()).as(goal + " " + p.name() + "'s property").startsWith("${lambda-sdlc.");
        }
      }
    }
  }

  @Test
  void theLocalCloudsStateDirectoryIsOneSettingInEveryGoalThatHasIt() throws Exception {
    Map<String, Map<String, Param>> goals = descriptor();
    assertThat(goals.get("local").get("localDir")).as("the local goal's state directory").isNotNull();
    assertThat(aliases("local")).as("the local goal's former name of it, still accepted").containsEntry("localDir", "dir");
    for (Map.Entry<String, Map<String, Param>> goal : goals.entrySet()) {
      for (Param p : goal.getValue().values()) {
        if ("${lambda-sdlc.local.dir}".equals(p.expression()) || p.name().equals("localDir")) {
          assertThat(p.name()).as(goal.getKey() + "'s state directory").isEqualTo("localDir");
          assertThat(p.expression()).as(goal.getKey() + " " + p.name()).isEqualTo("${lambda-sdlc.local.dir}");
          assertThat(p.defaultValue()).as(goal.getKey() + " " + p.name()).isEqualTo("${user.home}/.lambda-sdlc/local");
        }
      }
    }
  }

  @Test
  void everyGoalHasItsOwnSkipAndTheCommonOne() throws Exception {
    Map<String, Map<String, Param>> goals = descriptor();
    for (String goal : GOALS) {
      assertThat(goals.get(goal).get("skip").expression()).isEqualTo("${lambda-sdlc.skip}");
      assertThat(goals.get(goal).values()).as(goal).anyMatch(p -> ("${lambda-sdlc." + goal + ".skip}").equals(p.expression()));
    }
  }

  @Test
  void sharedSettingsHaveTheDocumentedDefaults() throws Exception {
    for (Map<String, Param> goal : descriptor().entrySet().stream().filter(e -> STACK_GOALS.contains(e.getKey()))
        .map(Map.Entry::getValue).toList()) {
      assertThat(goal.get("stackName").defaultValue()).isEqualTo("${project.artifactId}");
      assertThat(goal.get("endpoint").defaultValue()).isEqualTo("aws");
      assertThat(goal.get("localDir").expression()).isEqualTo("${lambda-sdlc.local.dir}");
      assertThat(goal.get("localDir").defaultValue()).isEqualTo("${user.home}/.lambda-sdlc/local");
    }
  }

  /** The goals that work on a stack, and only they, have its settings; template writes a file and has none. */
  @Test
  void onlyTheGoalsThatWorkOnAStackHaveItsSettings() throws Exception {
    Map<String, Map<String, Param>> goals = descriptor();
    List<String> stackSettings = List.of("stackName", "endpoint", "region", "profile", "localDir", "callTimeout");
    for (String goal : STACK_GOALS) {
      assertThat(goals.get(goal)).as(goal).containsKeys(stackSettings.toArray(String[]::new));
    }
    assertThat(goals.get("template").keySet()).as("template's parameters")
        .containsExactlyInAnyOrder("project", "skip", "skipTemplate", "template", "overwrite");
    // The function's logical id matters to the goals that resolve the function, not to events or destroy.
    for (String goal : List.of("events", "destroy", "template")) {
      assertThat(goals.get(goal)).as(goal).doesNotContainKey("functionLogicalId");
    }
    for (String goal : List.of("init", "prepare", "deploy", "integration-test", "status", "invoke", "logs")) {
      assertThat(goals.get(goal).get("functionLogicalId").expression()).as(goal)
          .isEqualTo("${lambda-sdlc.functionLogicalId}");
    }
  }

  /** {@code mvn lambda-sdlc:help -Ddetail -Dgoal=template} lists what the goal takes, and no stack setting. */
  @Test
  void helpOfTemplateShowsOnlyItsOwnParameters() throws Exception {
    String help = help("template");
    // Each parameter is a line of its own: its name, then its default in parentheses, if any.
    for (String own : List.of("overwrite", "skip", "skipTemplate", "template")) {
      assertThat(help).containsPattern("(?m)^\\s+" + own + "( \\(Default: [^)]*\\))?$");
    }
    assertThat(help).doesNotContainPattern(
        "(?m)^\\s+(stackName|endpoint|region|profile|localDir|callTimeout|functionLogicalId)( \\(Default: [^)]*\\))?$");
  }

  /** The local goal's region is the shared {@code lambda-sdlc.region}; the former property is shown deprecated. */
  @Test
  void theLocalGoalsRegionIsTheSharedSetting() throws Exception {
    Map<String, Param> local = descriptor().get("local");
    assertThat(local.get("region").expression()).isEqualTo("${lambda-sdlc.region}");
    assertThat(local.get("localRegion").expression()).isEqualTo("${lambda-sdlc.local.region}");
    assertThat(help("local")).containsPattern("(?m)^\\s+localRegion\\s+Deprecated. use region \\(lambda-sdlc.region\\)");
  }

  private static String help(String goal) throws Exception {
    var help = new io.github.lambdasdlc.lambda_sdlc_maven_plugin.HelpMojo();
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "goal", goal);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "detail", true);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "lineLength", 120);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "indentSize", 2);
    CapturingLog log = new CapturingLog();
    help.setLog(log);
    help.execute();
    return log.text();
  }

  /** What {@code mvn lambda-sdlc:help -Ddetail -Dgoal=integration-test} prints documents the event-case format. */
  @Test
  void helpOfIntegrationTestDocumentsTheEventCaseFormat() throws Exception {
    var help = new io.github.lambdasdlc.lambda_sdlc_maven_plugin.HelpMojo();
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "goal", "integration-test");
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "detail", true);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "lineLength", 120);
    org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject(help, "indentSize", 2);
    CapturingLog log = new CapturingLog();
    help.setLog(log);
    help.execute();
    assertThat(log.text().replaceAll("\\s+", " "))
        .contains("An event case is one JSON file in eventsDirectory; the file name without .json names the case.")
        .contains("\"event\": { \"items\"").contains("\"expect\": { \"response\": { \"total\": 4.50 }, \"match\": \"subset\" }")
        .contains("Without expect, the case passes when the function answers without an error.")
        .contains("\"match\": \"exact\" (the default) compares the whole JSON response")
        .contains("\"error\": {\"type\": \"java.lang.IllegalArgumentException\", \"message\": \"Unknown coupon\"} instead of response");
  }

  @Test
  void operatorGoalsAreForTheCommandLine() throws Exception {
    Document doc;
    try (InputStream in = PluginDescriptorTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
    }
    NodeList mojos = doc.getElementsByTagName("mojo");
    int found = 0;
    for (int i = 0; i < mojos.getLength(); i++) {
      Element mojo = (Element) mojos.item(i);
      if (OPERATOR_GOALS.contains(text(mojo, "goal"))) {
        found++;
        assertThat(text(mojo, "phase")).as(text(mojo, "goal") + "'s phase").isNull();
        assertThat(text(mojo, "requiresProject")).isEqualTo("true");
        assertThat(text(mojo, "description")).isNotBlank();
      }
    }
    assertThat(found).isEqualTo(OPERATOR_GOALS.size());
  }

  @Test
  void theInvokeExampleInTheHelpKeepsItsQuotes() throws Exception {
    String example = "mvn lambda-sdlc:invoke -Dlambda-sdlc.payload='{\"name\":\"Ada\"}'.";
    for (String resource : new String[] {"/META-INF/maven/plugin.xml",
        "/META-INF/maven/io.github.lambdasdlc/lambda-sdlc-maven-plugin/plugin-help.xml"}) {
      Document doc;
      try (InputStream in = PluginDescriptorTest.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
      }
      NodeList mojos = doc.getElementsByTagName("mojo");
      String description = null;
      for (int i = 0; i < mojos.getLength(); i++) {
        Element mojo = (Element) mojos.item(i);
        if ("invoke".equals(text(mojo, "goal"))) {
          description = text(mojo, "description");
        }
      }
      assertThat(description).as(resource).endsWith(example);
    }
  }
}
