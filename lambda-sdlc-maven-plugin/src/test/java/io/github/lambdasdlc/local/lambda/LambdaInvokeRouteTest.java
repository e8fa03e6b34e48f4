package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ServiceException;

class LambdaInvokeRouteTest {
  @TempDir
  Path dir;
  LocalCloud cloud;
  LambdaClient lambda;

  /** A test-only runner: echoes the payload and records what it was asked to run. */
  static final class EchoInvoker implements FunctionInvoker {
    final List<ExecutableFunction> ran = new CopyOnWriteArrayList<>();
    final List<InvocationRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> deleted = new CopyOnWriteArrayList<>();
    final CountDownLatch events = new CountDownLatch(1);
    String log = "START\n";

    @Override
    public InvocationResponse invoke(ExecutableFunction function, InvocationRequest request) {
      ran.add(function);
      requests.add(request);
      if ("Event".equals(request.invocationType())) {
        events.countDown();
      }
      boolean fail = new String(request.payload(), StandardCharsets.UTF_8).contains("fail");
      return new InvocationResponse(fail ? "{\"errorMessage\":\"boom\"}".getBytes(StandardCharsets.UTF_8)
          : request.payload(), fail ? "Unhandled" : null, log, function.version());
    }

    @Override
    public void functionDeleted(String functionArn) {
      deleted.add(functionArn);
    }
  }

  @BeforeEach
  void start() {
    // Long enough that the first invoke, however slow the machine, finds the function still Pending.
    cloud = LambdaTestSupport.start(dir, java.time.Duration.ofMillis(2000));
    lambda = LambdaTestSupport.client(cloud);
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void withoutARunnerInvokeIsAClearServiceException() throws Exception {
    lambda(cloud).setInvoker(null);
    lambda.createFunction(create("fn", handlerZip("x")).build());
    waitActive(lambda, "fn");
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{}"))))
        .isInstanceOfSatisfying(ServiceException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(500);
          assertThat(e.awsErrorDetails().errorMessage()).contains("cannot run functions");
        });
  }

  @Test
  void invokeRunsTheResolvedVersionAndRendersTheOutcome() throws Exception {
    EchoInvoker echo = new EchoInvoker();
    lambda(cloud).setInvoker(echo);
    lambda.createFunction(create("fn", handlerZip("one")).timeout(7).build());
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn")))
        .isInstanceOf(ResourceConflictException.class)
        .hasMessageContaining("The operation cannot be performed at this time. The function is currently in the"
            + " following state: Pending");
    waitActive(lambda, "fn");

    InvokeResponse ok = lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{\"a\":1}"))
        .logType(LogType.TAIL).clientContext("e30="));
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.payload().asUtf8String()).isEqualTo("{\"a\":1}");
    assertThat(ok.executedVersion()).isEqualTo("$LATEST");
    assertThat(ok.functionError()).isNull();
    assertThat(new String(Base64.getDecoder().decode(ok.logResult()), StandardCharsets.UTF_8)).isEqualTo("START\n");
    ExecutableFunction ran = echo.ran.get(0);
    assertThat(ran.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fn");
    assertThat(ran.timeout()).isEqualTo(7);
    assertThat(ran.handler()).isEqualTo("index.handler");
    assertThat(Files.readAllBytes(ran.codeZip())).isEqualTo(handlerZip("one"));
    assertThat(echo.requests.get(0).tailLog()).isTrue();
    assertThat(echo.requests.get(0).clientContext()).isEqualTo("e30=");

    InvokeResponse failed = lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("\"fail\"")));
    assertThat(failed.functionError()).isEqualTo("Unhandled");
    assertThat(failed.logResult()).isNull();

    echo.log = "x".repeat(5000) + "END";
    InvokeResponse tail = lambda.invoke(b -> b.functionName("fn").logType(LogType.TAIL));
    byte[] decoded = Base64.getDecoder().decode(tail.logResult());
    assertThat(decoded).hasSize(4096);
    assertThat(new String(decoded, StandardCharsets.UTF_8)).endsWith("END");

    assertThat(lambda.invoke(b -> b.functionName("fn").invocationType(InvocationType.DRY_RUN)).statusCode())
        .isEqualTo(204);
    int before = echo.ran.size();
    assertThat(lambda.invoke(b -> b.functionName("fn").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromUtf8String("{}"))).statusCode()).isEqualTo(202);
    assertThat(echo.events.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(echo.ran).hasSize(before + 1);

    // A qualified invocation runs that version and names it.
    lambda.publishVersion(b -> b.functionName("fn"));
    lambda.createAlias(b -> b.functionName("fn").name("live").functionVersion("1"));
    InvokeResponse viaAlias = lambda.invoke(b -> b.functionName("fn:live").payload(SdkBytes.fromUtf8String("1")));
    assertThat(viaAlias.executedVersion()).isEqualTo("1");
    assertThat(echo.requests.get(echo.requests.size() - 1).invokedFunctionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:fn:live");

    // During an update, the previous configuration keeps running.
    lambda.updateFunctionConfiguration(b -> b.functionName("fn").timeout(20));
    lambda.invoke(b -> b.functionName("fn"));
    assertThat(echo.ran.get(echo.ran.size() - 1).timeout()).isEqualTo(7);
    waitUpdated(lambda, "fn");
    lambda.invoke(b -> b.functionName("fn"));
    assertThat(echo.ran.get(echo.ran.size() - 1).timeout()).isEqualTo(20);

    lambda.deleteFunction(b -> b.functionName("fn"));
    assertThat(echo.deleted).containsExactly("arn:aws:lambda:us-east-1:000000000000:function:fn");
  }

  @Test
  void invokeChecksPayloadsAndNames() {
    lambda(cloud).setInvoker(new EchoInvoker());
    lambda.createFunction(create("fn", handlerZip("x")).build());
    waitActive(lambda, "fn");
    byte[] big = new byte[InvokeHandler.MAX_SYNC_PAYLOAD + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromByteArray(big))))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(413);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestTooLargeException");
          assertThat(e.awsErrorDetails().errorMessage())
              .isEqualTo("Request must be smaller than 6291456 bytes for the InvokeFunction operation");
        });
    byte[] bigEvent = new byte[InvokeHandler.MAX_ASYNC_PAYLOAD + 1];
    java.util.Arrays.fill(bigEvent, (byte) ' ');
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").invocationType(InvocationType.EVENT)
        .payload(SdkBytes.fromByteArray(bigEvent)))).isInstanceOfSatisfying(LambdaException.class,
            e -> assertThat(e.statusCode()).isEqualTo(413));
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String("{nope"))))
        .isInstanceOfSatisfying(LambdaException.class, e -> {
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
          assertThat(e.getMessage()).contains("Could not parse request body into json: Could not parse payload into json");
        });
    // The payload is checked without building its tree: a value cut short anywhere is still refused.
    for (String cut : List.of("\"unterminated", "{\"a\": [1, 2", "[{\"a\": \"b\"}", "{\"a\": \"\\q\"}")) {
      assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").payload(SdkBytes.fromUtf8String(cut))))
          .as(cut).isInstanceOfSatisfying(LambdaException.class,
              e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException"));
    }
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("fn").qualifier("4")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn:4");
    assertThatThrownBy(() -> lambda.invoke(b -> b.functionName("missing")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  /** The cloud's Lambda service, as the wiring that installs the invoker reaches it. */
  static LambdaService lambda(LocalCloud cloud) {
    try {
      Field services = LocalCloud.class.getDeclaredField("services");
      services.setAccessible(true);
      return ((List<?>) services.get(cloud)).stream().filter(LambdaService.class::isInstance)
          .map(LambdaService.class::cast).findFirst().orElseThrow();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
