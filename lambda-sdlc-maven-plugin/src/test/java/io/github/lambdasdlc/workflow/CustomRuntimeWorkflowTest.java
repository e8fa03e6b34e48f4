package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Java on an OS-only runtime: prepare switches the stub to {@code provided.al2023} without checking the handler
 * against the classes, deploy refuses a package without a bootstrap and pushes one with it, and the local cloud
 * runs that bootstrap (a script starting a JVM on AWS's runtime interface client, packaged under lib/).
 */
class CustomRuntimeWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
    local.createPythonFunction("app-fn");
  }

  @AfterEach
  void stop() {
    local.close();
  }

  private CodePush.Result push(DeploymentZip.Result zip) {
    return new CodePush(local.clients, local.events).push(new CodePush.Request("app-fn", zip, false, null));
  }

  /** The runtime interface client's jars as the plugin has them, found by a class file each holds. */
  private static List<DeploymentZip.Library> runtimeInterfaceClient() throws URISyntaxException {
    List<DeploymentZip.Library> jars = new ArrayList<>();
    for (String marker : List.of("com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class",
        "com/amazonaws/services/lambda/runtime/Context.class",
        "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
        "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class")) {
      URL url = CustomRuntimeWorkflowTest.class.getClassLoader().getResource(marker);
      String jar = url.toString().substring("jar:".length(), url.toString().indexOf("!/"));
      Path path = Path.of(new java.net.URI(jar));
      jars.add(new DeploymentZip.Library(path.getFileName().toString(), path));
    }
    return jars;
  }

  @Test
  void prepareToProvidedThenDeployAPackageWithItsBootstrap() throws Exception {
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request("app-fn",
        "provided.al2023", JavaHandler.parse(WorkflowTestSupport.GREETING, "lambda-sdlc.handler"), null, 30, null,
        null, null));
    var config = local.clients.lambda().getFunctionConfiguration(b -> b.functionName("app-fn"));
    assertThat(config.runtimeAsString()).isEqualTo("provided.al2023");

    // The Java runtime's package, without a bootstrap: refused before any upload, naming the setting.
    assertThatThrownBy(() -> push(WorkflowTestSupport.fixturePackage(dir, "no-bootstrap")))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("runs provided.al2023, which starts the executable bootstrap")
        .hasMessageContaining("lambda-sdlc.bootstrap");

    Path script = dir.resolve("bootstrap.sh"); // not executable here: the package marks it so
    Files.writeString(script, String.join("\n",
        "#!/bin/sh",
        "exec " + Path.of(System.getProperty("java.home"), "bin", "java") + " -XX:+UseSerialGC \\",
        "  -cp \"$LAMBDA_TASK_ROOT:$LAMBDA_TASK_ROOT/lib/*\" com.amazonaws.services.lambda.runtime.api.client.AWSLambda"
            + " \"$_HANDLER\"",
        ""));
    DeploymentZip.Result withoutBootstrap = WorkflowTestSupport.fixturePackage(dir, "classes");
    Path classes = dir.resolve("classes-classes");
    DeploymentZip.Result zip = DeploymentZip.build(classes, runtimeInterfaceClient(), script, null,
        dir.resolve("custom-runtime-lambda.zip"));
    assertThat(zip.files()).isEqualTo(withoutBootstrap.files() - 1 + 4 + 1);
    local.events.clear();
    CodePush.Result pushed = push(zip);
    assertThat(pushed.upToDate()).isFalse();
    assertThat(local.events.text()).contains("Handler check skipped: provided.al2023 runs the package's bootstrap");

    InvokeResponse r = local.clients.lambda().invoke(b -> b.functionName("app-fn").logType(LogType.TAIL)
        .payload(SdkBytes.fromUtf8String("{\"name\":\"Ada\"}")));
    assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
    assertThat(r.payload().asUtf8String()).contains("Hello, Ada");
    assertThat(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8))
        .contains("REPORT RequestId: ");

    // The same build again: nothing to upload.
    assertThat(push(DeploymentZip.build(classes, runtimeInterfaceClient(), script, null,
        dir.resolve("custom-runtime-lambda.zip"))).upToDate()).isTrue();
  }

  @Test
  void aMissingBootstrapFileIsAUserErrorNamingTheSetting() throws IOException {
    Path classes = Files.createDirectories(dir.resolve("c"));
    Files.writeString(classes.resolve("A.class"), "x");
    assertThatThrownBy(() -> DeploymentZip.build(classes, List.of(), dir.resolve("target/app"), null,
        dir.resolve("out.zip"))).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("target/app (lambda-sdlc.bootstrap) is not a file");
  }
}
