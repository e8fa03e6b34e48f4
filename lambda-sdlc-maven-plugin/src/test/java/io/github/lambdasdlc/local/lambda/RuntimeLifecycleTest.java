package io.github.lambdasdlc.local.lambda;

import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.create;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.handlerZip;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitActive;
import static io.github.lambdasdlc.local.lambda.LambdaTestSupport.waitUpdated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Runtime deprecation as AWS enforces it, through the SDK against the local cloud with its clock set before
 * and after the blocks: the Amazon Linux 2 runtimes (java17, python3.11, provided.al2, ...) were deprecated
 * on 2026-06-30, creating functions on them is refused from 2026-07-31, updating from 2026-08-31.
 */
class RuntimeLifecycleTest {
  private static final LocalDate BEFORE_BLOCKS = LocalDate.of(2026, 7, 30);
  private static final LocalDate CREATE_BLOCKED = LocalDate.of(2026, 7, 31);
  private static final LocalDate UPDATE_BLOCKED = LocalDate.of(2026, 8, 31);
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

  @TempDir
  Path dir;
  SettableClock clock;
  LocalCloud cloud;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    clock = SettableClock.on(BEFORE_BLOCKS);
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).lambdaUpdateDelay(Duration.ofMillis(50)).clock(clock)
        .build());
    lambda = LambdaTestSupport.client(cloud);
  }

  @AfterEach
  void stop() {
    lambda.close();
    cloud.close();
  }

  static String noLongerSupported(String runtime, String successor) {
    return "The runtime parameter of " + runtime + " is no longer supported for creating or updating AWS Lambda"
        + " functions. We recommend you use the new runtime (" + successor + ") while creating or updating functions.";
  }

  private static void assertRefused(Runnable call, String runtime, String successor) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValueException");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(noLongerSupported(runtime, successor));
    });
  }

  @Test
  void creatingOnARetiredRuntimeIsRefusedFromItsCreateBlock() {
    lambda.createFunction(create("j17-before", handlerZip("x")).runtime("java17").handler("a.B::c").build());

    clock.set(CREATE_BLOCKED);
    assertRefused(() -> lambda.createFunction(create("j17-after", handlerZip("x")).runtime("java17")
        .handler("a.B::c").build()), "java17", "java25");
    assertRefused(() -> lambda.createFunction(create("py311", handlerZip("x")).runtime("python3.11").build()),
        "python3.11", "python3.14");
    clock.set(TODAY);
    assertRefused(() -> lambda.createFunction(create("al2", handlerZip("x")).runtime("provided.al2")
        .handler("bootstrap").build()), "provided.al2", "provided.al2023");
    lambda.createFunction(create("j21", handlerZip("x")).runtime("java21").handler("a.B::c").build());
    assertThat(lambda.listFunctions().functions()).extracting(f -> f.functionName())
        .containsExactlyInAnyOrder("j17-before", "j21");
  }

  @Test
  void everyRuntimeRetiredIn2026IsAcceptedBeforeItsBlocks() {
    clock.set(LocalDate.of(2026, 5, 31)); // nodejs20.x's create block is 2026-06-01, the AL2 runtimes' later
    for (String runtime : new String[] {"java17", "java11", "java8.al2", "python3.11", "python3.10", "nodejs20.x",
        "provided.al2", "dotnet8"}) {
      lambda.createFunction(create("rt-" + runtime.replace(".", "-"), handlerZip("x")).runtime(runtime).build());
    }
    clock.set(TODAY);
    assertRefused(() -> lambda.createFunction(create("node20", handlerZip("x")).runtime("nodejs20.x").build()),
        "nodejs20.x", "nodejs24.x");
    assertRefused(() -> lambda.createFunction(create("j8", handlerZip("x")).runtime("java8.al2").build()),
        "java8.al2", "java25");
    // dotnet8 is deprecated (2026-11-10) but creating is refused only from 2026-12-10.
    lambda.createFunction(create("dotnet8-today", handlerZip("x")).runtime("dotnet8").build());
  }

  @Test
  void flippingToARetiredRuntimeIsRefusedFromItsUpdateBlock() {
    lambda.createFunction(create("flip", handlerZip("x")).build());
    waitActive(lambda, "flip");

    // Between the blocks, an existing function may still be changed to it (and back).
    clock.set(CREATE_BLOCKED);
    lambda.updateFunctionConfiguration(b -> b.functionName("flip").runtime("java17").handler("a.B::c"));
    waitUpdated(lambda, "flip");
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("flip")).runtimeAsString()).isEqualTo("java17");
    lambda.updateFunctionConfiguration(b -> b.functionName("flip").runtime("python3.12").handler("index.handler"));
    waitUpdated(lambda, "flip");

    clock.set(TODAY);
    assertRefused(() -> lambda.updateFunctionConfiguration(b -> b.functionName("flip").runtime("java17")
        .handler("a.B::c")), "java17", "java25");
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("flip")).runtimeAsString()).isEqualTo("python3.12");
    lambda.updateFunctionConfiguration(b -> b.functionName("flip").runtime("java21").handler("a.B::c"));
    waitUpdated(lambda, "flip");
    assertThat(lambda.getFunctionConfiguration(b -> b.functionName("flip")).runtimeAsString()).isEqualTo("java21");
  }

  @Test
  void aFunctionOnABlockedRuntimeKeepsRunningButItsCodeAndRuntimeAreFrozen() {
    lambda.createFunction(create("old", LambdaTestSupport.zip(java.util.Map.of("index.py",
        "def handler(event, context):\n    return 'still running'\n"))).runtime("python3.11").build());
    waitActive(lambda, "old");

    clock.set(UPDATE_BLOCKED);
    // Invoke works: AWS keeps running functions on deprecated runtimes.
    var out = lambda.invoke(b -> b.functionName("old").payload(SdkBytes.fromUtf8String("{}")));
    assertThat(out.functionError()).as(out.payload().asString(StandardCharsets.UTF_8)).isNull();
    assertThat(out.payload().asString(StandardCharsets.UTF_8)).isEqualTo("\"still running\"");
    // A configuration change that leaves the runtime out is accepted; one that names it is not.
    lambda.updateFunctionConfiguration(b -> b.functionName("old").memorySize(256));
    waitUpdated(lambda, "old");
    assertRefused(() -> lambda.updateFunctionConfiguration(b -> b.functionName("old").runtime("python3.11")),
        "python3.11", "python3.14");
    assertRefused(() -> lambda.updateFunctionCode(b -> b.functionName("old")
        .zipFile(SdkBytes.fromByteArray(handlerZip("new")))), "python3.11", "python3.14");
    // The way out: a current runtime.
    lambda.updateFunctionConfiguration(b -> b.functionName("old").runtime("python3.13"));
    waitUpdated(lambda, "old");
    lambda.updateFunctionCode(b -> b.functionName("old").zipFile(SdkBytes.fromByteArray(handlerZip("new"))));
    waitUpdated(lambda, "old");
    assertThat(lambda.invoke(b -> b.functionName("old").payload(SdkBytes.fromUtf8String("{}"))).payload().asString(StandardCharsets.UTF_8))
        .isEqualTo("\"new\"");
  }

  @Test
  void anUnknownRuntimeIsStillAValidationOfTheEnum() {
    assertThatThrownBy(() -> lambda.createFunction(create("x", handlerZip("x")).runtime("java26").build()))
        .isInstanceOfSatisfying(LambdaException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .startsWith("Value java26 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set"));
  }
}
