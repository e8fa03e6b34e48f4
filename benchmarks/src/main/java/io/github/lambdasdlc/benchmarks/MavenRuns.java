package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real {@code mvn} processes (the repository's wrapper, offline) on a small generated project: the example's
 * sources with the plugin's init, prepare and deploy goals bound. The freshly built plugin is put in a local
 * repository of its own, chained in front of the developer's ({@code maven.repo.local.tail}), so the run uses
 * this build's plugin and nothing is downloaded.
 */
final class MavenRuns {
  private MavenRuns() {
  }

  /** One command line, its label, and its wall times. */
  private record Command(String label, List<String> args, List<Double> seconds) {
  }

  static void run(Settings settings, Report report) throws Exception {
    Path work = settings.work().resolve("mvn");
    Path repo = work.resolve("m2");
    Path project = work.resolve("quote-project");
    installPlugin(settings, repo);
    generateProject(settings, project);
    int reps = settings.samples(4, 1);

    // A: the default developer flow, the embedded local cloud started inside each mvn process.
    Path state = work.resolve("local-state");
    List<String> embedded = List.of("-Dlambda-sdlc.endpoint=local", "-Dlambda-sdlc.local.dir=" + state);
    mvn(settings, repo, project, concat(embedded, List.of("deploy"))); // creates, prepares and uploads: not timed
    List<Command> a = List.of(
        new Command("mvn validate", concat(embedded, List.of("validate")), new ArrayList<>()),
        new Command("mvn lambda-sdlc:deploy", concat(embedded, List.of("lambda-sdlc:deploy")), new ArrayList<>()),
        new Command("mvn deploy -Dlambda-sdlc.skip", concat(embedded, List.of("deploy", "-Dlambda-sdlc.skip=true")),
            new ArrayList<>()),
        new Command("mvn deploy", concat(embedded, List.of("deploy")), new ArrayList<>()));
    timeRoundRobin(settings, repo, project, a, reps, true);

    // B: the same against a local cloud in this process, through a proxy that counts the calls.
    Map<String, List<String>> calls = new LinkedHashMap<>();
    Map<String, Long> bytes = new LinkedHashMap<>();
    List<Command> b;
    try (LocalCloud cloud = BenchmarkSuite.cloud(settings, "mvn-cloud", c -> c);
        CountingProxy proxy = new CountingProxy(cloud.endpoint())) {
      List<String> url = List.of("-Dlambda-sdlc.endpoint=" + proxy.endpoint());
      proxy.reset();
      mvn(settings, repo, project, concat(url, List.of("deploy")));
      calls.put("mvn deploy, first (creates the stack, prepares, uploads)", proxy.calls());
      bytes.put("mvn deploy, first (creates the stack, prepares, uploads)", proxy.bodyBytes());
      b = List.of(
          new Command("mvn validate", concat(url, List.of("validate")), new ArrayList<>()),
          new Command("mvn lambda-sdlc:deploy", concat(url, List.of("lambda-sdlc:deploy")), new ArrayList<>()),
          new Command("mvn deploy -Dlambda-sdlc.skip", concat(url, List.of("deploy", "-Dlambda-sdlc.skip=true")),
              new ArrayList<>()),
          new Command("mvn deploy", concat(url, List.of("deploy")), new ArrayList<>()));
      for (Command c : b) {
        proxy.reset();
        mvn(settings, repo, project, c.args());
        calls.put(c.label() + " (code unchanged)", proxy.calls());
        bytes.put(c.label() + " (code unchanged)", proxy.bodyBytes());
      }
      timeRoundRobin(settings, repo, project, b, reps, false); // the counted runs above were its warm-up
    }

    double validateA = median(a.get(0).seconds());
    report.section("3b. Deploy cost: real mvn processes",
        "`./mvnw -o -B -q` on a generated one-module project (the example's sources, aws-lambda-java-core,"
            + " the plugin's init, prepare and deploy goals bound), code unchanged since the previous run, the runs"
            + " of each command interleaved. *Embedded*: `-Dlambda-sdlc.endpoint=local`, each build starts the"
            + " local cloud in its own JVM (the default developer flow). *URL*: `-Dlambda-sdlc.endpoint=<url>` of a"
            + " local cloud already running (in the suite's JVM, behind a counting proxy). The plugin's overhead is"
            + " the difference to the same build without it; target: under 1 s.");
    Report.Table t = report.table("command", "mode", "n", "wall p50 s", "min s", "max s", "× mvn validate",
        "overhead vs baseline s");
    addRows(t, "embedded", a, validateA);
    addRows(t, "URL", b, median(b.get(0).seconds()));
    t.end();
    Report.Table c = report.table("build (URL mode)", "API calls", "request bytes", "calls");
    calls.forEach((label, list) -> c.row(label, list.size(), bytes.get(label), DeploySections.describe(list)));
    c.end();
  }

  private static void addRows(Report.Table t, String mode, List<Command> commands, double validate) {
    Map<String, Double> medians = new LinkedHashMap<>();
    commands.forEach(c -> medians.put(c.label(), median(c.seconds())));
    for (Command c : commands) {
      double m = medians.get(c.label());
      String baseline = c.label().equals("mvn lambda-sdlc:deploy") ? "mvn validate"
          : c.label().equals("mvn deploy") ? "mvn deploy -Dlambda-sdlc.skip" : null;
      String overhead = baseline == null ? "" : String.format(Locale.ROOT, "%+.2f (vs %s)", m - medians.get(baseline),
          baseline);
      t.row(c.label(), mode, c.seconds().size(), f2(m), f2(Stats.of(c.seconds()).min()), f2(Stats.of(c.seconds()).max()),
          String.format(Locale.ROOT, "%.2f", m / validate), overhead);
    }
  }

  private static void timeRoundRobin(Settings settings, Path repo, Path project, List<Command> commands, int reps,
      boolean warmUp) throws Exception {
    if (warmUp) {
      for (Command c : commands) {
        mvn(settings, repo, project, c.args()); // one unmeasured run each: file caches, the wrapper's checks
      }
    }
    for (int i = 0; i < reps; i++) {
      for (Command c : commands) {
        long t0 = System.nanoTime();
        mvn(settings, repo, project, c.args());
        c.seconds().add((System.nanoTime() - t0) / 1e9);
      }
    }
  }

  private static void mvn(Settings settings, Path repo, Path project, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(settings.repoRoot().resolve("mvnw").toString(), "-o", "-B", "-q",
        "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + settings.mavenRepo()));
    cmd.addAll(args);
    Path log = project.resolve("target-mvn.log");
    Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("mvn " + args + " did not finish within 5 minutes");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("mvn " + args + " failed (exit " + p.exitValue() + "):\n"
          + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  /** The plugin jar and POM, and the parent POM, as {@code mvn install} would put them. */
  private static void installPlugin(Settings settings, Path repo) throws IOException {
    String v = settings.pluginVersion();
    Path plugin = repo.resolve("io/github/lambdasdlc/lambda-sdlc-maven-plugin/" + v);
    Path parent = repo.resolve("io/github/lambdasdlc/lambda-sdlc-parent/" + v);
    Files.createDirectories(plugin);
    Files.createDirectories(parent);
    Files.copy(settings.pluginJar(), plugin.resolve("lambda-sdlc-maven-plugin-" + v + ".jar"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(settings.repoRoot().resolve("lambda-sdlc-maven-plugin/pom.xml"),
        plugin.resolve("lambda-sdlc-maven-plugin-" + v + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(settings.repoRoot().resolve("pom.xml"), parent.resolve("lambda-sdlc-parent-" + v + ".pom"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  private static void generateProject(Settings settings, Path project) throws IOException {
    Path sources = project.resolve("src/main/java");
    Files.createDirectories(sources);
    Files.createDirectories(project.resolve(".mvn")); // the project's own root for Maven
    Path from = settings.repoRoot().resolve("example-function/src/main/java");
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = sources.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    String pom = """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>bench</groupId>
          <artifactId>quote-service</artifactId>
          <version>1.0</version>
          <properties>
            <maven.compiler.release>17</maven.compiler.release>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <project.build.outputTimestamp>2026-01-01T00:00:00Z</project.build.outputTimestamp>
            <maven.deploy.skip>true</maven.deploy.skip>
          </properties>
          <dependencies>
            <dependency>
              <groupId>com.amazonaws</groupId>
              <artifactId>aws-lambda-java-core</artifactId>
              <version>1.4.0</version>
            </dependency>
          </dependencies>
          <build>
            <pluginManagement>
              <plugins>
                <plugin><artifactId>maven-clean-plugin</artifactId><version>3.5.0</version></plugin>
                <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version></plugin>
                <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.4</version></plugin>
                <plugin><artifactId>maven-deploy-plugin</artifactId><version>3.1.4</version></plugin>
              </plugins>
            </pluginManagement>
            <plugins>
              <plugin>
                <groupId>io.github.lambdasdlc</groupId>
                <artifactId>lambda-sdlc-maven-plugin</artifactId>
                <version>@VERSION@</version>
                <configuration>
                  <handler>io.github.lambdasdlc.example.QuoteHandler::handleRequest</handler>
                </configuration>
                <executions>
                  <execution>
                    <goals>
                      <goal>init</goal>
                      <goal>prepare</goal>
                      <goal>deploy</goal>
                    </goals>
                  </execution>
                </executions>
              </plugin>
            </plugins>
          </build>
        </project>
        """.replace("@VERSION@", settings.pluginVersion());
    Files.writeString(project.resolve("pom.xml"), pom);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static double median(List<Double> values) {
    return Stats.of(values).p50();
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
