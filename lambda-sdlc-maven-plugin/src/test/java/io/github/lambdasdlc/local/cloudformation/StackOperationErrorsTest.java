package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.LocalHttpServer;
import io.github.lambdasdlc.local.lambda.FunctionsApi;
import io.github.lambdasdlc.local.core.StateStore;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * A stack operation whose step throws an Error (memory exhausted, a stack overflow) fails the stack with a
 * reason, rolls back and can be deleted; before, the scheduler's Future swallowed the Error and the stack stayed
 * CREATE_IN_PROGRESS, refusing delete and update until a restart. The Error comes from the Lambda API the
 * CloudFormation service calls, the one seam where a test can make a step throw one.
 */
class StackOperationErrorsTest {
  @TempDir
  Path dir;

  @Test
  void anErrorInAStepFailsTheStackWhichCanThenBeDeleted() throws Exception {
    FunctionsApi exhausted = (FunctionsApi) Proxy.newProxyInstance(FunctionsApi.class.getClassLoader(),
        new Class<?>[] {FunctionsApi.class}, (proxy, method, args) -> {
          throw new OutOfMemoryError("Java heap space (simulated, with secret-value)");
        });
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    StateStore store = StateStore.open(dir, "test");
    LocalContext context = new LocalContext(LocalCloudConfig.builder(dir).stackStepDelay(Duration.ofMillis(5)).build(),
        store, scheduler, Clock.systemUTC());
    CloudFormationService service = new CloudFormationService(context, exhausted);
    try (LocalHttpServer server = LocalHttpServer.start(InetAddress.getLoopbackAddress(), 0, List.of(service));
        CloudFormationClient cfn = CloudFormationClient.builder().endpointOverride(server.endpoint())
            .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"))).build()) {
      String id = cfn.createStack(r -> r.stackName("oom").templateBody("""
          Resources:
            Fn:
              Type: AWS::Lambda::Function
              Properties:
                Runtime: python3.12
                Handler: index.handler
                Role: arn:aws:iam::000000000000:role/lambda-role
                Code: {ZipFile: "def handler(e, c): pass"}
          """)).stackId();
      Stack settled = settle(cfn, "oom");
      assertThat(settled.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
      assertThat(cfn.describeStackEvents(r -> r.stackName("oom")).stackEvents()).anySatisfy(e -> {
        assertThat(e.resourceStatusAsString()).isEqualTo("ROLLBACK_IN_PROGRESS");
        assertThat(e.resourceStatusReason()).startsWith("Internal failure of the local cloud (OutOfMemoryError)")
            .doesNotContain("secret-value");
      });
      cfn.deleteStack(r -> r.stackName("oom"));
      assertThat(settle(cfn, id).stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
      assertThat(cfn.listStacks().stackSummaries()).hasSize(1);
    } finally {
      service.close();
      scheduler.shutdownNow();
      store.close();
    }
  }

  private static Stack settle(CloudFormationClient cfn, String name) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      Stack s = cfn.describeStacks(r -> r.stackName(name)).stacks().get(0);
      if (!s.stackStatusAsString().endsWith("_IN_PROGRESS")) {
        return s;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("stack " + name + " is still in progress");
  }
}
