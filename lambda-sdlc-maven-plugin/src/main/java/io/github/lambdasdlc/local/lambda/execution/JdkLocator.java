package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Chooses the JDK a Java runtime runs on: one of the runtime's major version when the machine has it,
 * else the nearest newer one (the local cloud's own JDK among them), with one warning per runtime saying so.
 * Candidates, in order: the configured homes, {@code JAVA_HOME_<N>} / {@code JAVA_HOME_<N>_X64} / {@code _ARM64}
 * variables (as CI images set them), JDKs declared in {@code ~/.m2/toolchains.xml}, and the usual install
 * directories ({@code /usr/lib/jvm}, {@code /Library/Java/JavaVirtualMachines}, SDKMAN).
 */
final class JdkLocator {

  /** A JDK: its home and its feature version. */
  record Jdk(Path home, int major) {
    Path javaExecutable() {
      return home.resolve("bin").resolve("java");
    }
  }

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"?(1\\.)?(\\d+)");

  private final List<Path> configuredHomes;
  private final Map<String, String> environment;
  private final Path userHome;
  private final List<Path> installDirs;
  private final Jdk current;
  private final Consumer<String> warnings;
  private final Map<String, Jdk> chosen = new ConcurrentHashMap<>();

  JdkLocator(List<Path> configuredHomes, Map<String, String> environment, Path userHome, List<Path> installDirs,
      Jdk current, Consumer<String> warnings) {
    this.configuredHomes = List.copyOf(configuredHomes);
    this.environment = Map.copyOf(environment);
    this.userHome = userHome;
    this.installDirs = List.copyOf(installDirs);
    this.current = current;
    this.warnings = warnings;
  }

  /** A locator for this machine. */
  static JdkLocator forThisMachine(List<Path> configuredHomes, Consumer<String> warnings) {
    Path userHome = Path.of(System.getProperty("user.home"));
    List<Path> dirs = List.of(Path.of("/usr/lib/jvm"), Path.of("/Library/Java/JavaVirtualMachines"),
        userHome.resolve(".sdkman/candidates/java"), Path.of("/opt/java"));
    Jdk current = new Jdk(Path.of(System.getProperty("java.home")), Runtime.version().feature());
    return new JdkLocator(configuredHomes, System.getenv(), userHome, dirs, current, warnings);
  }

  /**
   * The JDK for a Java runtime; decided once per runtime and then kept, so that its warning is given once per
   * local cloud (once per build), not at every start of a function. Without a JDK of the runtime's own version,
   * the nearest newer one: it runs the classes built for the runtime as Lambda would (an older JDK cannot load
   * them). Without a newer one either, the newest there is, with a warning that newer classes will not load.
   */
  Jdk forRuntime(LambdaRuntime runtime) {
    return chosen.computeIfAbsent(runtime.id(), id -> {
      List<Jdk> jdks = new ArrayList<>(candidates().stream().map(JdkLocator::describe).flatMap(Optional::stream)
          .toList());
      jdks.add(current);
      int wanted = runtime.majorVersion();
      Optional<Jdk> exact = jdks.stream().filter(jdk -> jdk.major() == wanted).findFirst();
      if (exact.isPresent()) {
        return exact.get();
      }
      String install = " Install a JDK " + wanted + " (or declare it in ~/.m2/toolchains.xml or JAVA_HOME_" + wanted
          + ") to run them as Lambda does.";
      Optional<Jdk> newer = jdks.stream().filter(jdk -> jdk.major() > wanted)
          .min(Comparator.comparingInt(Jdk::major));
      if (newer.isPresent()) {
        Jdk jdk = newer.get();
        warnings.accept("No JDK " + wanted + " found for Lambda runtime " + id + ": its functions run on JDK "
            + jdk.major() + " (" + jdk.home() + "), the nearest newer one." + install);
        return jdk;
      }
      Jdk newest = jdks.stream().max(Comparator.comparingInt(Jdk::major)).orElseThrow();
      warnings.accept("No JDK " + wanted + " or newer found for Lambda runtime " + id + ": its functions run on JDK "
          + newest.major() + " (" + newest.home() + "), which cannot load classes compiled for Java " + wanted
          + "." + install);
      return newest;
    });
  }

  private List<Path> candidates() {
    Set<Path> homes = new LinkedHashSet<>(configuredHomes);
    environment.entrySet().stream()
        .filter(e -> e.getKey().matches("JAVA_HOME_\\d+(_X64|_ARM64|_AARCH64)?"))
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> homes.add(Path.of(e.getValue())));
    homes.addAll(toolchainHomes(userHome.resolve(".m2/toolchains.xml")));
    for (Path dir : installDirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      List<Path> found = new ArrayList<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
        for (Path p : entries) {
          found.add(Files.isDirectory(p.resolve("Contents/Home")) ? p.resolve("Contents/Home") : p);
        }
      } catch (IOException e) {
        continue;
      }
      found.sort(null);
      homes.addAll(found);
    }
    return new ArrayList<>(homes);
  }

  /** The JDK homes a Maven toolchains file declares. */
  static List<Path> toolchainHomes(Path toolchains) {
    List<Path> homes = new ArrayList<>();
    if (!Files.isRegularFile(toolchains)) {
      return homes;
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      Document doc = factory.newDocumentBuilder().parse(toolchains.toFile());
      NodeList chains = doc.getElementsByTagName("toolchain");
      for (int i = 0; i < chains.getLength(); i++) {
        Element chain = (Element) chains.item(i);
        NodeList type = chain.getElementsByTagName("type");
        NodeList home = chain.getElementsByTagName("jdkHome");
        if (type.getLength() > 0 && "jdk".equals(type.item(0).getTextContent().trim()) && home.getLength() > 0) {
          homes.add(Path.of(home.item(0).getTextContent().trim()));
        }
      }
    } catch (Exception e) {
      // An unreadable toolchains file only means fewer JDKs to choose from.
    }
    return homes;
  }

  /** A JDK home's feature version from its {@code release} file, when it is a usable JDK. */
  static Optional<Jdk> describe(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
      return Optional.empty();
    }
    try {
      Properties props = new Properties();
      try (var in = Files.newBufferedReader(release)) {
        props.load(in);
      }
      Matcher m = VERSION.matcher("JAVA_VERSION=" + props.getProperty("JAVA_VERSION", ""));
      if (m.find()) {
        return Optional.of(new Jdk(home.toAbsolutePath().normalize(), Integer.parseInt(m.group(2))));
      }
    } catch (IOException | RuntimeException e) {
      // not a JDK we can read
    }
    return Optional.empty();
  }
}
