package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalState;
import io.github.lambdasdlc.local.core.StateStoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Wiping what a local cloud keeps: a deleted stack's leftovers (its record, its function's log group, the
 * unpacked code nothing uses), or the whole state directory; never while a cloud runs on it, never a
 * directory a local cloud did not make, and nothing the second time.
 */
class LocalStateWipeTest extends CloudFormationTestSupport {
  /** A function without a log group of its own: Lambda's default group outlives it, as on AWS. */
  static final String FUNCTION_ONLY = """
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Principal: {Service: lambda.amazonaws.com}
                  Action: sts:AssumeRole
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            FunctionName: !Ref AWS::StackName
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                def handler(event, context):
                    print("hello from the stub")
                    return "ok"
      """;

  @TempDir
  Path elsewhere;

  /** Creates the stack, runs its function once (unpacking its code, writing its log) and returns it. */
  private Stack createAndInvoke(String name) {
    create(name, FUNCTION_ONLY, software.amazon.awssdk.services.cloudformation.model.Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName(name));
    lambda.invoke(r -> r.functionName(name).payload(SdkBytes.fromUtf8String("{}")));
    return describe(name);
  }

  private void destroy(String name) {
    String id = describe(name).stackId();
    cfn.deleteStack(r -> r.stackName(name));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName(id));
  }

  @Test
  void aDeletedStacksLeftoversGoOnceTheCloudIsStoppedAndTheSecondWipeFindsNothing() throws Exception {
    start();
    createAndInvoke("keep");
    createAndInvoke("gone");
    destroy("gone");
    Path logs = dir.resolve("logs/%2Faws%2Flambda%2Fgone");
    assertThat(logs).isDirectory();
    assertThatThrownBy(() -> LocalState.at(dir).wipeStack("gone")).isInstanceOf(StateStoreException.class)
        .hasMessageContaining("is in use by the local cloud at " + cloud.endpoint())
        .hasMessageContaining("nothing was removed");
    stopCloud();

    assertThatThrownBy(() -> LocalState.at(dir).wipeStack("keep")).isInstanceOf(StateStoreException.class)
        .hasMessage("Stack keep still exists on the local cloud in " + dir + " (CREATE_COMPLETE). Delete it first"
            + " (mvn lambda-sdlc:destroy with lambda-sdlc.endpoint=local), then wipe what it leaves behind.");

    LocalState.Wipe wipe = LocalState.at(dir).wipeStack("gone");
    assertThat(wipe.removed()).extracting(LocalState.Removal::what).containsExactly("log group /aws/lambda/gone",
        "the record of deleted stack gone");
    assertThat(wipe.removed()).allMatch(r -> r.bytes() > 0);
    assertThat(logs).doesNotExist();
    assertThat(dir.resolve("logs/%2Faws%2Flambda%2Fkeep")).isDirectory();
    // Both stacks run the same stub, so its unpacked code is still in use by keep.
    assertThat(unpacked()).isEqualTo(1);

    assertThat(LocalState.at(dir).wipeStack("gone").nothingRemoved()).isTrue();

    // The cloud starts again on the directory and no longer lists the deleted stack; keep still runs.
    start();
    assertThat(cfn.listStacks(r -> r.stackStatusFilters(StackStatus.DELETE_COMPLETE)).stackSummaries()).isEmpty();
    assertThat(lambda.invoke(r -> r.functionName("keep").payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String()).isEqualTo("\"ok\"");
    destroy("keep");
    stopCloud();

    LocalState.Wipe last = LocalState.at(dir).wipeStack("keep");
    assertThat(last.removed()).extracting(LocalState.Removal::what).containsExactly("log group /aws/lambda/keep",
        "the record of deleted stack keep", "1 package of code no function uses");
    assertThat(unpacked()).isZero();
    assertThat(LocalState.at(dir).wipeStack("keep").nothingRemoved()).isTrue();
  }

  @Test
  void wipingEverythingRemovesTheDirectoryNamingLiveStacksAndThenHasNothingToDo() throws Exception {
    start();
    createAndInvoke("live");
    stopCloud();

    LocalState.Wipe wipe = LocalState.at(dir).wipeAll();
    assertThat(wipe.liveStacks()).containsExactly("live");
    assertThat(wipe.removed()).extracting(LocalState.Removal::what)
        .containsExactly("1 stack", "1 function with its packages", "unpacked code", "runtime caches", "logs");
    assertThat(wipe.bytes()).isPositive();
    assertThat(dir).doesNotExist();

    assertThat(LocalState.at(dir).wipeAll().nothingRemoved()).isTrue();
    assertThat(LocalState.at(dir).wipeStack("live").nothingRemoved()).isTrue();

    // A new cloud starts on the same path from nothing.
    start();
    assertThat(cfn.describeStacks().stacks()).isEmpty();
  }

  @Test
  void aDirectoryNoLocalCloudMadeIsLeftAlone() throws Exception {
    Files.writeString(elsewhere.resolve("notes.txt"), "mine", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LocalState.at(elsewhere).wipeAll()).isInstanceOf(StateStoreException.class)
        .hasMessage("The directory " + elsewhere + " is not a local cloud's state directory (it has no format.json),"
            + " so it is left alone. Check lambda-sdlc.local.dir.");
    assertThatThrownBy(() -> LocalState.at(elsewhere).wipeStack("app")).isInstanceOf(StateStoreException.class)
        .hasMessageContaining("is not a local cloud's state directory");
    assertThat(elsewhere.resolve("notes.txt")).hasContent("mine");
  }

  @Test
  void filesNoLocalCloudWritesStopAFullWipeAndLinksAreRemovedNotFollowed() throws Exception {
    start();
    stopCloud();
    Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep me", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("my-notes.txt"), "mine", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> LocalState.at(dir).wipeAll()).isInstanceOf(StateStoreException.class)
        .hasMessage("The local cloud's state directory " + dir + " also holds my-notes.txt, which no local cloud"
            + " writes. Move it elsewhere first; nothing was removed.");
    assertThat(dir.resolve("format.json")).exists();

    Files.delete(dir.resolve("my-notes.txt"));
    Files.createDirectories(dir.resolve("logs"));
    Files.createSymbolicLink(dir.resolve("logs/linked"), elsewhere);
    assertThat(LocalState.at(dir).wipeAll().removed()).extracting(LocalState.Removal::what).contains("logs");
    assertThat(precious).hasContent("keep me");
    assertThat(dir).doesNotExist();
  }

  /** Stops the cloud and its clients, so that the directory is free (the next start connects anew). */
  private void stopCloud() {
    stop();
    cfn = null;
    cloud = null;
  }

  private long unpacked() throws Exception {
    Path code = dir.resolve("execution/code");
    if (!Files.isDirectory(code)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(code)) {
      return list.filter(p -> p.getFileName().toString().matches("[0-9a-f]{64}")).count();
    }
  }
}
