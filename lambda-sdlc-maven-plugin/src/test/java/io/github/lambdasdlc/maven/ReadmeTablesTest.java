package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's parameter tables are those {@code docs/GoalTables.java} generates from this build's plugin
 * descriptor: a parameter added, renamed or re-documented in a mojo fails this test until the README is
 * regenerated ({@code java docs/GoalTables.java --write README.md}).
 */
class ReadmeTablesTest {
  /** The repository root: the parent of this module, where Surefire runs the tests. */
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  private static final Path DESCRIPTOR = ROOT.resolve("lambda-sdlc-maven-plugin/target/classes/META-INF/maven/plugin.xml");

  @Test
  void theReadmeHasATableForTheSharedSettingsAndEachGoal() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    for (String kind : List.of("shared", "goal=init", "goal=prepare", "goal=integration-test", "goal=deploy", "goal=local",
        "goal=events", "goal=wipe")) {
      assertThat(readme).as("README table " + kind).contains("<!-- plugin-parameters " + kind + " -->\n| parameter |");
    }
  }

  @Test
  void theReadmeTablesMatchThePluginDescriptor() throws Exception {
    assertThat(DESCRIPTOR).as("the descriptor generated before the tests run").isRegularFile();
    Result check = goalTables("--check", "--descriptor", DESCRIPTOR.toString(), ROOT.resolve("README.md").toString());
    assertThat(check.exitCode()).as("docs/GoalTables.java --check README.md said:%n%s", check.output()).isZero();
  }

  @Test
  void theCheckFailsWhenATableIsStale(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    Path stale = dir.resolve("README.md");
    Files.writeString(stale, readme.replace("| Skips every lambda-sdlc goal. |", "| Skips every goal. |"),
        StandardCharsets.UTF_8);

    Result check = goalTables("--check", "--descriptor", DESCRIPTOR.toString(), stale.toString());
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.output()).contains("the table 'shared' differs").contains("java docs/GoalTables.java --write");

    Result write = goalTables("--write", "--descriptor", DESCRIPTOR.toString(), stale.toString());
    assertThat(write.exitCode()).isZero();
    assertThat(Files.readString(stale, StandardCharsets.UTF_8)).isEqualTo(readme);
  }

  private record Result(int exitCode, String output) {
  }

  /** Runs the single-file program with this JDK's launcher, as a developer would. */
  private static Result goalTables(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), ROOT.resolve("docs/GoalTables.java").toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
