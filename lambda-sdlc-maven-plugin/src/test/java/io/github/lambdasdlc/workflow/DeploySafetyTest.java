package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import io.github.lambdasdlc.local.reliability.LockHolderMain;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;

/**
 * Deploys that are interrupted or race each other: the function runs its previous code or the new code,
 * never a mixture, the next deploy converges, and two concurrent deploys never silently overwrite each other.
 */
class DeploySafetyTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @AfterEach
  void stop() {
    if (local != null) {
      local.close();
    }
  }

  private void start(FaultPlan plan) {
    local = new WorkflowTestSupport(dir, b -> b.faultPlan(plan));
  }

  /** A Java function on its first code, as prepare leaves it. */
  private static String javaFunction(AwsClients clients, String name) {
    clients.lambda().createFunction(b -> b.functionName(name).runtime("java21").role(WorkflowTestSupport.ROLE)
        .handler(WorkflowTestSupport.GREETING).timeout(30).memorySize(512)
        .code(c -> c.zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(WorkflowTestSupport.pythonZip()))));
    return new LambdaWaits(clients).untilSettled(name).codeSha256();
  }

  /**
   * The code the function serves is whole: what GetFunction's Code.Location downloads hashes to the
   * CodeSha256 it reports, which is one of {@code allowed}.
   */
  static String assertWholeCode(AwsClients clients, String name, String... allowed) throws Exception {
    GetFunctionResponse f = clients.lambda().getFunction(b -> b.functionName(name));
    String sha = f.configuration().codeSha256();
    assertThat(sha).isIn((Object[]) allowed);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = URI.create(f.code().location()).toURL().openStream()) {
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    assertThat(Base64.getEncoder().encodeToString(digest.digest())).isEqualTo(sha);
    assertThat(f.configuration().stateAsString()).isEqualTo("Active");
    return sha;
  }

  private void droppedUploadStillConverges(FaultKind drop) throws Exception {
    start(FaultPlan.builder().always("lambda:UpdateFunctionCode", drop).build());
    String before = javaFunction(local.clients, "app-fn");
    DeploymentZip.Result zip = WorkflowTestSupport.fixturePackage(dir, "one");

    CodePush.Result result = new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false,
        null));
    assertThat(result.upToDate()).isFalse();
    assertThat(local.events.text()).contains("arrived although its answer was lost");
    assertThat(assertWholeCode(local.clients, "app-fn", before, zip.codeSha256())).isEqualTo(zip.codeSha256());
    assertThat(local.cloud.faultsInjected().get(drop)).isPositive();
    String answer = local.clients.lambda().invoke(b -> b.functionName("app-fn")
        .payload(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"name\":\"Ada\"}"))).payload().asUtf8String();
    assertThat(answer).isEqualTo("\"Hello, Ada\"");

    // The next deploy, without faults, on the same state: nothing left to do.
    local.close();
    local = new WorkflowTestSupport(dir, b -> b);
    assertThat(new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false, null))
        .upToDate()).isTrue();
  }

  @Test
  void anUploadWhoseConnectionDropsBeforeTheAnswerConverges() throws Exception {
    droppedUploadStillConverges(FaultKind.DROP_BEFORE_RESPONSE);
  }

  @Test
  void anUploadWhoseAnswerIsCutInHalfConverges() throws Exception {
    droppedUploadStillConverges(FaultKind.DROP_MID_RESPONSE);
  }

  @Test
  void twoConcurrentDeploysNeverSilentlyOverwriteEachOther() throws Exception {
    start(FaultPlan.none());
    String first = javaFunction(local.clients, "app-fn");
    DeploymentZip.Result one = WorkflowTestSupport.fixturePackage(dir, "one");
    DeploymentZip.Result two = WorkflowTestSupport.fixturePackage(dir, "two");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    int refused = 0;
    try {
      for (int round = 0; round < 6; round++) {
        CyclicBarrier go = new CyclicBarrier(2);
        List<Future<String>> outcomes = new ArrayList<>();
        // Alternate who goes first, and make each round a real change for both.
        DeploymentZip.Result a = round % 2 == 0 ? one : two;
        DeploymentZip.Result b = round % 2 == 0 ? two : one;
        for (DeploymentZip.Result zip : List.of(a, b)) {
          outcomes.add(pool.submit(() -> {
            go.await();
            try {
              new CodePush(local.clients, new WorkflowTestSupport.Recorder()).push(new CodePush.Request("app-fn", zip, false, null));
              return zip.codeSha256();
            } catch (WorkflowException e) {
              assertThat(e.getMessage()).contains("was changed by someone else while this deploy was uploading")
                  .contains("nothing was overwritten").contains("Run deploy again");
              return "refused";
            }
          }));
        }
        String ra = outcomes.get(0).get();
        String rb = outcomes.get(1).get();
        assertThat(List.of(ra, rb)).as("at least one deploy wins").anyMatch(r -> !r.equals("refused"));
        String live = assertWholeCode(local.clients, "app-fn", a.codeSha256(), b.codeSha256(), first);
        if (ra.equals("refused") || rb.equals("refused")) {
          refused++;
          // The one that succeeded is what runs: the refused one overwrote nothing.
          assertThat(live).isEqualTo(ra.equals("refused") ? rb : ra);
        }
        // status says which build runs.
        DeploymentZip.Result running = live.equals(one.codeSha256()) ? one : two;
        DeploymentZip.Result other = running == one ? two : one;
        assertThat(status(running).code()).isEqualTo(FunctionStatus.CodeOrigin.THIS_BUILD);
        assertThat(status(other).code()).isEqualTo(FunctionStatus.CodeOrigin.OTHER);
        // Next round starts from a third state, so that both deploys of it change something.
        local.clients.lambda().updateFunctionCode(u -> u.functionName("app-fn")
            .zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(WorkflowTestSupport.pythonZip())));
        new LambdaWaits(local.clients).untilSettled("app-fn");
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.println("Concurrent deploys: 6 rounds of 2, " + refused + " rounds where one deploy was refused");
  }

  private FunctionStatus.Result status(DeploymentZip.Result build) {
    return new FunctionStatus(local.clients).gather(new FunctionStatus.Request("no-stack", "app-fn", null, build));
  }

  /**
   * A local cloud in another JVM, killed with SIGKILL at a random moment of a deploy of a large package: after
   * a restart on the same state the function runs the old code or the new, whole, and deploy converges.
   */
  @Test
  void aCloudKilledMidUploadLeavesOldOrNewCodeAndDeployConverges() throws Exception {
    Path state = dir.resolve("child-cloud");
    DeploymentZip.Result big = WorkflowTestSupport.fixturePackage(dir, "big", 24 * 1024 * 1024);
    String original = null;
    Random random = new Random(20260302);
    int oldCode = 0;
    int newCode = 0;
    for (int kill = 0; kill < 3; kill++) {
      Child child = Child.start(state, dir.resolve("child-" + kill + ".log"));
      try (AwsClients clients = AwsClients.connect(Target.endpoint(URI.create(child.endpoint), "us-east-1"))) {
        if (original == null) {
          original = javaFunction(clients, "app-fn");
        } else {
          String sha = assertWholeCode(clients, "app-fn", original, big.codeSha256());
          if (sha.equals(original)) {
            oldCode++;
          } else {
            newCode++;
            // Back to the old code, so that every round has a real upload to interrupt.
            clients.lambda().updateFunctionCode(u -> u.functionName("app-fn")
                .zipFile(software.amazon.awssdk.core.SdkBytes.fromByteArray(WorkflowTestSupport.pythonZip())));
            // That reset code is now the "old" code a later round may find.
            original = new LambdaWaits(clients).untilSettled("app-fn").codeSha256();
          }
        }
        Thread deploy = new Thread(() -> {
          try {
            new CodePush(clients, new WorkflowTestSupport.Recorder()).push(new CodePush.Request("app-fn", big, false, null));
          } catch (WorkflowException expected) {
            // the cloud went away under it
          }
        });
        deploy.start();
        Thread.sleep(100 + random.nextInt(2000));
        child.kill();
        deploy.join(60_000);
      }
    }
    // After the last kill: a restarted cloud serves whole code, and deploy converges on it.
    Child child = Child.start(state, dir.resolve("child-last.log"));
    try (AwsClients clients = AwsClients.connect(Target.endpoint(URI.create(child.endpoint), "us-east-1"))) {
      String sha = assertWholeCode(clients, "app-fn", original, big.codeSha256());
      if (sha.equals(original)) {
        oldCode++;
      } else {
        newCode++;
      }
      new CodePush(clients, new WorkflowTestSupport.Recorder()).push(new CodePush.Request("app-fn", big, false, null));
      assertThat(assertWholeCode(clients, "app-fn", big.codeSha256())).isEqualTo(big.codeSha256());
      assertThat(new CodePush(clients, new WorkflowTestSupport.Recorder()).push(new CodePush.Request("app-fn", big, false, null))
          .upToDate()).isTrue();
    } finally {
      child.kill();
    }
    System.out.println("Killed mid-upload 3 times: restarts found the old code " + oldCode + " times, the new code "
        + newCode + " times");
  }

  /** {@link LockHolderMain} in a child JVM: a local cloud serving the state directory until killed. */
  record Child(Process process, String endpoint) {
    static Child start(Path state, Path log) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
          LockHolderMain.class.getName(), state.toString(), "600000")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (String line : Files.readAllLines(log)) {
          if (line.startsWith("READY ")) {
            return new Child(p, line.substring(6).trim());
          }
        }
        if (!p.isAlive()) {
          throw new IllegalStateException("The child cloud ended:\n" + Files.readString(log));
        }
        Thread.sleep(20);
      }
      p.destroyForcibly();
      throw new IllegalStateException("The child cloud did not start:\n" + Files.readString(log));
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
    }
  }
}
