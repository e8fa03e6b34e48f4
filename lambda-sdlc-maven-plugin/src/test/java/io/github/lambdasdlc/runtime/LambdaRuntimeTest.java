package io.github.lambdasdlc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LambdaRuntimeTest {
  /** Where the table was generated from on the development machine (see generate-runtime-table.py). */
  private static final Path CFN_LINT_TABLE = Path.of("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/"
      + "cfnlint/data/AdditionalSpecs/LmbdRuntimeLifecycle.json");

  @Test
  void theAmazonLinux2RuntimesAreBlockedIn2026AndJava21And25RunUntil2029() {
    LambdaRuntime java17 = LambdaRuntime.find("java17").orElseThrow();
    assertThat(java17.deprecated()).isEqualTo(LocalDate.of(2026, 6, 30));
    assertThat(java17.isCreateBlockedOn(LocalDate.of(2026, 7, 30))).isFalse();
    assertThat(java17.isCreateBlockedOn(LocalDate.of(2026, 7, 31))).isTrue();
    assertThat(java17.isUpdateBlockedOn(LocalDate.of(2026, 8, 30))).isFalse();
    assertThat(java17.isUpdateBlockedOn(LocalDate.of(2026, 8, 31))).isTrue();
    assertThat(java17.successor()).isEqualTo("java25");
    for (String al2 : new String[] {"java8.al2", "java11", "python3.10", "python3.11", "provided.al2"}) {
      LambdaRuntime r = LambdaRuntime.find(al2).orElseThrow();
      assertThat(r.createBlock()).as(al2).isEqualTo(LocalDate.of(2026, 7, 31));
      assertThat(r.updateBlock()).as(al2).isEqualTo(LocalDate.of(2026, 8, 31));
    }
    assertThat(LambdaRuntime.find("nodejs20.x").orElseThrow().createBlock()).isEqualTo(LocalDate.of(2026, 6, 1));
    assertThat(LambdaRuntime.find("java21").orElseThrow().deprecated()).isEqualTo(LocalDate.of(2029, 6, 30));
    // Current runtimes the model knows and the lifecycle table does not list yet have no dates.
    assertThat(LambdaRuntime.find("dotnet10").orElseThrow().isCreateBlockedOn(LocalDate.of(2099, 1, 1))).isFalse();
    assertThat(LambdaRuntime.find("java26")).isEmpty();
  }

  @Test
  void javaRuntimesSupportedOnADayAreTheUndeprecatedOnesOldestFirst() {
    assertThat(LambdaRuntime.supportedJava(LocalDate.of(2026, 11, 29))).extracting(LambdaRuntime::id)
        .containsExactly("java21", "java25");
    assertThat(LambdaRuntime.supportedJava(LocalDate.of(2026, 6, 29))).extracting(LambdaRuntime::id)
        .containsExactly("java8.al2", "java11", "java17", "java21", "java25");
    assertThat(LambdaRuntime.find("java8.al2").orElseThrow().javaVersion()).hasValue(8);
    assertThat(LambdaRuntime.find("python3.13").orElseThrow().javaVersion()).isEmpty();
    assertThat(LambdaRuntime.find("python3.13").orElseThrow().family()).isEqualTo("python");
  }

  /** The generated table says what its source says (when the source is on this machine). */
  @Test
  void theTableMatchesCfnLintsRuntimeLifecycleData() throws IOException {
    Assumptions.assumeTrue(Files.isRegularFile(CFN_LINT_TABLE), "cfn-lint's data is not on this machine");
    JsonNode source = new ObjectMapper().readTree(CFN_LINT_TABLE.toFile());
    for (Map.Entry<String, JsonNode> e : source.properties()) {
      LambdaRuntime r = LambdaRuntime.find(e.getKey()).orElseThrow(() -> new AssertionError(e.getKey() + " missing"));
      assertThat(String.valueOf(r.deprecated())).as(e.getKey()).isEqualTo(e.getValue().path("deprecated").asText());
      assertThat(String.valueOf(r.createBlock())).as(e.getKey()).isEqualTo(e.getValue().path("create-block").asText());
      assertThat(String.valueOf(r.updateBlock())).as(e.getKey()).isEqualTo(e.getValue().path("update-block").asText());
      assertThat(String.valueOf(r.successor())).as(e.getKey()).isEqualTo(e.getValue().path("successor").asText("null"));
    }
  }

  @Test
  void theCatalogueSaysWhichRuntimesRunLocallyAndOnWhichArchitectures() {
    assertThat(LambdaRuntime.runnableLocally()).extracting(LambdaRuntime::id).containsExactly(
        "java8.al2", "java11", "java17", "java21", "java25", "nodejs20.x", "nodejs22.x", "nodejs24.x",
        "provided.al2", "provided.al2023", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14");
    assertThat(LambdaRuntime.find("java8").orElseThrow().localRunner()).isEmpty();
    assertThat(LambdaRuntime.find("python3.9").orElseThrow().localRunner()).isEmpty();
    assertThat(LambdaRuntime.find("nodejs18.x").orElseThrow().localRunner()).isEmpty();
    assertThat(LambdaRuntime.find("ruby3.4").orElseThrow().localRunner()).isEmpty();
    assertThat(LambdaRuntime.find("nodejs22.x").orElseThrow().localRunner()).hasValue(LocalRunner.NODEJS);
    assertThat(LambdaRuntime.find("provided").orElseThrow().localRunner()).isEmpty();
    assertThat(LambdaRuntime.find("python3.13").orElseThrow().majorVersion()).isEqualTo(3);
    assertThat(LambdaRuntime.find("python3.13").orElseThrow().minorVersion()).isEqualTo(13);
    assertThat(LambdaRuntime.find("nodejs24.x").orElseThrow().majorVersion()).isEqualTo(24);
    assertThat(LambdaRuntime.find("java8.al2").orElseThrow().minorVersion()).isZero();
    assertThat(LambdaRuntime.find("java21").orElseThrow().architectures()).containsExactly("x86_64", "arm64");
    assertThat(LambdaRuntime.find("java8").orElseThrow().architectures()).containsExactly("x86_64");
    assertThat(LambdaRuntime.find("python3.7").orElseThrow().architectures()).containsExactly("x86_64");
  }
}
