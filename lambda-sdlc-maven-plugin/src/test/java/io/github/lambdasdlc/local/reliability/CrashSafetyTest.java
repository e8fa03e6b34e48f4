package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;
import io.github.lambdasdlc.local.core.StateStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * A local cloud killed with SIGKILL while it writes leaves a state directory that the next one reads
 * whole; and two processes on one directory either wait for its lock or fail naming the holder.
 */
class CrashSafetyTest {
  static final int DEFAULT_KILLS = 25;

  @TempDir
  Path dir;
  @TempDir
  Path logs;

  @Test
  void killedWhileWritingTheStateIsAlwaysReadableAfterwards() throws Exception {
    int survived = killAndRecover(DEFAULT_KILLS, 1);
    assertThat(survived).isEqualTo(DEFAULT_KILLS);
  }

  /** {@code -Dreliability.slow=true -Dcrash.kills=200}: many more kills. */
  @Test
  @Tag("slow")
  @EnabledIfSystemProperty(named = "reliability.slow", matches = "true")
  void manyKills() throws Exception {
    int kills = Integer.getInteger("crash.kills", 200);
    assertThat(killAndRecover(kills, Long.getLong("crash.seed", 99))).isEqualTo(kills);
  }

  private int killAndRecover(int kills, long seed) throws Exception {
    Random random = new Random(seed);
    int stacksSeen = 0;
    int functionsSeen = 0;
    long started = System.nanoTime();
    for (int i = 0; i < kills; i++) {
      Path log = logs.resolve("writer-" + i + ".log");
      try (ChildJvm writer = ChildJvm.start(CrashingWriterMain.class, log, dir.toString(), String.valueOf(seed + i))) {
        writer.awaitReady(Duration.ofSeconds(60));
        // Somewhere in the middle of its writes: stacks run their steps in the background too.
        Thread.sleep(100 + random.nextInt(600));
        writer.kill();
      }
      int[] seen = verifyReadable(i);
      stacksSeen += seen[0];
      functionsSeen += seen[1];
    }
    System.out.println("Crash safety: " + kills + " kills survived in "
        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s; read back " + stacksSeen + " stacks and "
        + functionsSeen + " functions in all");
    assertThat(functionsSeen).as("the writer got some functions written").isPositive();
    return kills;
  }

  /** Starts a cloud on the directory and reads every stack and function back, code included. */
  private int[] verifyReadable(int round) throws IOException {
    // Files the new cloud itself is writing (its restart completes transitions at once) are in flight, not
    // leftovers: only temporaries older than this start would be left by the killed writer.
    java.nio.file.attribute.FileTime opened = java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusMillis(50));
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).lockWait(Duration.ofSeconds(10))
        .stackStepDelay(Duration.ZERO).lambdaUpdateDelay(Duration.ofMillis(5)).build());
        CloudFormationClient cfn = ReliabilityClients.cloudFormation(cloud.endpoint());
        LambdaClient lambda = ReliabilityClients.lambda(cloud.endpoint())) {
      assertNoHalfFiles(round, opened);
      List<Stack> stacks = cfn.describeStacksPaginator().stacks().stream().toList();
      for (Stack s : stacks) {
        Stack again = cfn.describeStacks(r -> r.stackName(s.stackId())).stacks().get(0);
        assertThat(again.stackName()).isEqualTo(s.stackName());
        cfn.listStackResourcesPaginator(r -> r.stackName(s.stackId())).stackResourceSummaries().stream().count();
        assertThat(cfn.getTemplate(r -> r.stackName(s.stackId())).templateBody()).contains("AWS::Lambda::Function");
      }
      List<FunctionConfiguration> functions = lambda.listFunctionsPaginator().functions().stream().toList();
      Set<String> codeInUse = new HashSet<>();
      for (FunctionConfiguration f : functions) {
        for (FunctionConfiguration v : lambda.listVersionsByFunctionPaginator(r -> r.functionName(f.functionName()))
            .versions()) {
          GetFunctionResponse got = lambda.getFunction(r -> r.functionName(f.functionName()).qualifier(v.version()));
          byte[] zip = download(got.code().location());
          assertThat(CodeArchive.sha256Base64(zip)).as("code of " + v.functionArn())
              .isEqualTo(got.configuration().codeSha256());
          codeInUse.add(got.configuration().codeSha256());
        }
      }
      assertNoOrphanCode(codeInUse, round);
      return new int[] {stacks.size(), functions.size()};
    }
  }

  private void assertNoHalfFiles(int round, java.nio.file.attribute.FileTime opened) throws IOException {
    for (Path p : regularFiles()) {
      String name = p.getFileName().toString();
      if ((name.contains(".tmp-") || name.endsWith(".part")) && !olderThan(p, opened)) {
        continue;
      }
      assertThat(name).as("round " + round + ": a leftover temporary file").doesNotContain(".tmp-").doesNotEndWith(".part");
      if (name.endsWith(".json")) {
        JsonNode doc = Json.MAPPER.readTree(p.toFile());
        assertThat(doc).as("round " + round + ": " + p + " parses").isNotNull();
      }
    }
  }

  private void assertNoOrphanCode(Set<String> inUse, int round) throws IOException {
    Path codeDir = dir.resolve("lambda/code");
    if (!Files.isDirectory(codeDir)) {
      return;
    }
    Set<String> expected = new HashSet<>();
    inUse.forEach(sha -> expected.add(HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(sha)) + ".zip"));
    try (Stream<Path> files = Files.list(codeDir)) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).as("round " + round + ": stored code")
          .allMatch(expected::contains);
    }
  }

  private static byte[] download(String location) throws IOException {
    try (InputStream in = URI.create(location).toURL().openStream()) {
      return in.readAllBytes();
    }
  }

  @Test
  void aSecondProcessFailsAtOnceNamingTheHolder() throws Exception {
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, logs.resolve("holder.log"), dir.toString(), "60000")) {
      String endpoint = holder.awaitReady(Duration.ofSeconds(60));
      long started = System.nanoTime();
      assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.builder(dir).build()))
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("is in use by")
          .hasMessageContaining(endpoint)
          .hasMessageContaining("pid " + holder.process().pid());
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

      // With a wait shorter than the holder's hold, it still fails, after waiting, and says so.
      started = System.nanoTime();
      assertThatThrownBy(() -> LocalCloud.start(LocalCloudConfig.builder(dir).lockWait(Duration.ofMillis(700)).build()))
          .isInstanceOf(StateStoreException.class)
          .hasMessageContaining("pid " + holder.process().pid())
          .hasMessageContaining("waited 700 ms");
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    }
  }

  @Test
  void aSecondProcessWaitsForTheLockWhenToldTo() throws Exception {
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, logs.resolve("holder.log"), dir.toString(), "1500")) {
      holder.awaitReady(Duration.ofSeconds(60));
      long started = System.nanoTime();
      try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).lockWait(Duration.ofSeconds(30)).build())) {
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        assertThat(holder.process().waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        try (LambdaClient lambda = ReliabilityClients.lambda(cloud.endpoint())) {
          assertThat(lambda.listFunctions().functions()).isEmpty();
        }
      }
    }
  }

  @Test
  void aKilledHolderReleasesTheLock() throws Exception {
    try (ChildJvm holder = ChildJvm.start(LockHolderMain.class, logs.resolve("holder.log"), dir.toString(), "60000")) {
      holder.awaitReady(Duration.ofSeconds(60));
      holder.kill();
    }
    // The OS drops a dead process's lock: no stale lock file blocks the next cloud.
    LocalCloud.start(LocalCloudConfig.builder(dir).build()).close();
  }

  /** Whether a file was last written before {@code time}; a file gone meanwhile was in flight, so is not. */
  /**
   * The state directory's files. The restarted cloud may be moving a temporary into place while the walk
   * reads it, which Files.walk reports as a NoSuchFileException: such a file was in flight, so walk again.
   */
  private List<Path> regularFiles() throws IOException {
    for (int attempt = 1; ; attempt++) {
      try (Stream<Path> files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).toList();
      } catch (java.io.UncheckedIOException e) {
        if (!(e.getCause() instanceof java.nio.file.NoSuchFileException) || attempt == 5) {
          throw e;
        }
      }
    }
  }

  private static boolean olderThan(Path p, java.nio.file.attribute.FileTime time) {
    try {
      return Files.getLastModifiedTime(p).compareTo(time) < 0;
    } catch (IOException e) {
      return false;
    }
  }
}
