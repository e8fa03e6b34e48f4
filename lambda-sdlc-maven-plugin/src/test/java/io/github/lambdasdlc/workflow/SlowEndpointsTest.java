package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * Calls and waits are bounded and say that they wait: an endpoint that accepts connections and never answers
 * fails a goal within the control-plane limit, naming the endpoint and the operation; an Invoke may take as
 * long as its function's Timeout; slow stacks, function updates and calls print progress lines.
 */
class SlowEndpointsTest {
  @TempDir
  Path dir;
  private final WorkflowTestSupport.Recorder events = new WorkflowTestSupport.Recorder();
  private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** A loopback port that accepts every connection and then neither reads nor answers. */
  private URI silentEndpoint() throws IOException {
    ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    open.add(server);
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket held = server.accept();
          open.add(held);
        }
      } catch (IOException e) {
        // closed by the test
      }
    }, "silent-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private AwsClients connect(URI endpoint, Duration callTimeout) {
    AwsClients clients = AwsClients.connect(Target.endpoint(endpoint, "us-east-1"), callTimeout, events, List.of(),
        Duration.ofMillis(300));
    open.add(0, clients);
    return clients;
  }

  private LocalCloud cloud(LocalCloudConfig.Builder settings) {
    LocalCloud cloud = LocalCloud.start(settings.build());
    open.add(cloud);
    return cloud;
  }

  @Test
  void initAgainstAnEndpointThatNeverAnswersFailsSoonNamingTheEndpointAndTheOperation() throws Exception {
    URI silent = silentEndpoint();
    AwsClients clients = connect(silent, Duration.ofSeconds(3));
    long start = System.nanoTime();
    assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
        assertThatThrownBy(() -> new StackConvergence(clients, events).converge(new StackConvergence.Request("my-app",
            StackTemplate.builtIn(), Map.of(), Map.of(), false, null)))
            .isInstanceOf(WorkflowException.class)
            .satisfies(e -> assertThat(((WorkflowException) e).isUserFault()).isTrue())
            .hasMessageStartingWith("The endpoint " + silent + " did not answer ValidateTemplate within 3 s"
                + " (lambda-sdlc.callTimeout) while validating the built-in template.")
            .hasMessageContaining("accepts connections but sends nothing back")
            .hasMessageContaining("-Dlambda-sdlc.callTimeout="));
    // The control-plane limit bounds the call, retries included (with the scheduler's slack on a busy machine).
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    assertThat(events.text()).contains("INFO Still waiting for ValidateTemplate on " + silent + ": ");
  }

  @Test
  void everyLambdaCallButInvokeHasTheShortLimitToo() throws Exception {
    URI silent = silentEndpoint();
    AwsClients clients = connect(silent, Duration.ofSeconds(2));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      assertThatThrownBy(() -> new LambdaWaits(clients, events).untilSettled("app-fn"))
          .hasMessageStartingWith("The endpoint " + silent + " did not answer GetFunctionConfiguration within 2 s");
      // invoke reads the function's Timeout first, with the short limit, so a silent endpoint fails as soon
      assertThatThrownBy(() -> new AdHocInvocation(clients, events).invoke(new AdHocInvocation.Request("app-fn",
          new AdHocInvocation.Payload("{}", "test"), null)))
          .hasMessageStartingWith("The endpoint " + silent + " did not answer GetFunctionConfiguration within 2 s");
    });
  }

  @Test
  void anInvokeMayTakeAsLongAsItsFunctionsTimeoutAndSaysItWaits() {
    LocalCloud cloud = cloud(LocalCloudConfig.builder(dir.resolve("cloud")).lambdaUpdateDelay(Duration.ofMillis(20)));
    AwsClients clients = connect(cloud.endpoint(), Duration.ofSeconds(2));
    clients.lambda().createFunction(b -> b.functionName("slow").runtime(Runtime.PYTHON3_12)
        .role(WorkflowTestSupport.ROLE).handler("index.handler").timeout(30)
        .code(c -> c.zipFile(SdkBytes.fromByteArray(pythonZip("import time\ndef handler(event, context):\n"
            + "    time.sleep(4)\n    return 'rested'\n")))));
    new LambdaWaits(clients, events).untilSettled("slow");

    AdHocInvocation.Result r = new AdHocInvocation(clients, events).invoke(new AdHocInvocation.Request("slow",
        new AdHocInvocation.Payload("{}", "test"), null));

    assertThat(r.response()).isEqualTo("\"rested\"");
    assertThat(events.text()).contains("INFO Still waiting for function slow to answer (Invoke on "
        + cloud.endpoint() + "): ");
  }

  @Test
  void aStackThatTakesAWhileSaysItIsStillBeingWaitedFor() {
    LocalCloud cloud = cloud(LocalCloudConfig.builder(dir.resolve("cloud")).stackStepDelay(Duration.ofMillis(600))
        .lambdaUpdateDelay(Duration.ofMillis(1500)));
    AwsClients clients = connect(cloud.endpoint(), Duration.ofSeconds(30));

    StackConvergence.Result stack = new StackConvergence(clients, events).converge(new StackConvergence.Request(
        "my-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    assertThat(events.text()).containsPattern("INFO Still waiting for stack my-app \\(CREATE_IN_PROGRESS\\): \\d+ s so far");

    events.clear();
    new FunctionPreparation(clients, events).prepare(new FunctionPreparation.Request(stack.functionName(), "java21",
        JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), 512, 30, Map.of("STAGE", "test"), null, null));
    assertThat(events.text()).containsPattern("INFO Still waiting for function my-app \\(LastUpdateStatus InProgress\\)"
        + ": \\d+ s so far");
  }

  @Test
  void theAccountIsTakenFromTheFirstArnOnAwsOnly() {
    GetFunctionConfigurationResponse response = GetFunctionConfigurationResponse.builder()
        .functionArn("arn:aws:lambda:eu-west-1:123456789012:function:app").build();
    Context.AfterExecution context = afterExecution(response);

    AccountWatch aws = new AccountWatch(Target.aws("eu-west-1", "dev"), "eu-west-1", events);
    aws.afterExecution(context, new ExecutionAttributes());
    aws.afterExecution(context, new ExecutionAttributes());
    assertThat(aws.account()).isEqualTo("123456789012");
    assertThat(events.lines).containsExactly("INFO AWS account 123456789012, region eu-west-1");

    AccountWatch local = new AccountWatch(Target.endpoint(URI.create("http://127.0.0.1:1"), null), "us-east-1",
        events);
    local.afterExecution(context, new ExecutionAttributes());
    assertThat(local.account()).isNull();
    assertThat(AccountWatch.accountOf("arn:aws:cloudformation:us-east-1:000000000000:stack/a/b")).isEqualTo("000000000000");
    assertThat(AccountWatch.accountOf("not-an-arn")).isNull();
  }

  private static Context.AfterExecution afterExecution(GetFunctionConfigurationResponse response) {
    return (Context.AfterExecution) java.lang.reflect.Proxy.newProxyInstance(SlowEndpointsTest.class.getClassLoader(),
        new Class<?>[] {Context.AfterExecution.class},
        (proxy, method, args) -> method.getName().equals("response") ? response : null);
  }

  private static byte[] pythonZip(String code) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write(code.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
