package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JDK a Java runtime runs on, with JDK homes made up in a temporary directory. */
class JdkLocatorTest {
  @TempDir
  Path dir;
  final List<String> warnings = new ArrayList<>();

  private Path jdk(String name, String version) throws IOException {
    Path home = dir.resolve("jvm").resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
    Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private JdkLocator locator(JdkLocator.Jdk current) {
    return new JdkLocator(List.of(), Map.of(), dir.resolve("home"), List.of(dir.resolve("jvm")), current,
        warnings::add);
  }

  @Test
  void aMissingJdkIsReplacedByTheNearestNewerOneWithOneWarning() throws IOException {
    Path home17 = jdk("jdk-17", "17.0.15");
    Path home25 = jdk("temurin-25", "25.0.3");
    jdk("jdk-11", "11.0.2");
    JdkLocator jdks = locator(new JdkLocator.Jdk(home17, 17));

    // java21 on a machine with 11, 17 and 25: JDK 17 cannot load classes built for 21; 25 can.
    JdkLocator.Jdk for21 = jdks.forRuntime(LambdaRuntime.find("java21").orElseThrow());
    assertThat(for21.major()).isEqualTo(25);
    assertThat(for21.home()).isEqualTo(home25.toAbsolutePath().normalize());
    assertThat(jdks.forRuntime(LambdaRuntime.find("java21").orElseThrow())).isEqualTo(for21);
    assertThat(jdks.forRuntime(LambdaRuntime.find("java21").orElseThrow())).isEqualTo(for21);
    assertThat(warnings).containsExactly("No JDK 21 found for Lambda runtime java21: its functions run on JDK 25 ("
        + home25.toAbsolutePath().normalize() + "), the nearest newer one. Install a JDK 21 (or declare it in"
        + " ~/.m2/toolchains.xml or JAVA_HOME_21) to run them as Lambda does.");

    // Runtimes whose own JDK is there run on it, without a word.
    assertThat(jdks.forRuntime(LambdaRuntime.find("java17").orElseThrow()).major()).isEqualTo(17);
    assertThat(jdks.forRuntime(LambdaRuntime.find("java25").orElseThrow()).major()).isEqualTo(25);
    assertThat(jdks.forRuntime(LambdaRuntime.find("java11").orElseThrow()).major()).isEqualTo(11);
    assertThat(warnings).hasSize(1);
    // java8.al2 on this machine: no 8, the nearest newer is 11 (not the local cloud's own 17).
    assertThat(jdks.forRuntime(LambdaRuntime.find("java8.al2").orElseThrow()).major()).isEqualTo(11);
  }

  @Test
  void withoutANewerJdkTheNewestRunsItAndTheWarningSaysWhatFails() throws IOException {
    Path home17 = jdk("jdk-17", "17.0.15");
    JdkLocator jdks = locator(new JdkLocator.Jdk(home17, 17));
    assertThat(jdks.forRuntime(LambdaRuntime.find("java25").orElseThrow()).major()).isEqualTo(17);
    jdks.forRuntime(LambdaRuntime.find("java25").orElseThrow());
    assertThat(warnings).singleElement().asString().startsWith("No JDK 25 or newer found for Lambda runtime java25:"
        + " its functions run on JDK 17").contains("cannot load classes compiled for Java 25");
  }
}
