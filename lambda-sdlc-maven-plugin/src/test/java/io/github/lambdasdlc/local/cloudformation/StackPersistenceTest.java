package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

class StackPersistenceTest extends CloudFormationTestSupport {

  @Test
  void aStackOutlivesTheLocalCloudThatMadeIt() {
    start();
    String id = create("durable", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("durable"));
    Stack before = describe("durable");
    stop();

    start();
    Stack after = describe("durable");
    assertThat(after.stackId()).isEqualTo(id);
    assertThat(after.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(after.outputs()).isEqualTo(before.outputs());
    assertThat(after.creationTime()).isEqualTo(before.creationTime());
    assertThat(events("durable")).hasSameSizeAs(cfn.describeStackEvents(r -> r.stackName(id)).stackEvents());
    assertThat(cfn.listExports().exports()).hasSize(1);
    cfn.deleteStack(r -> r.stackName("durable"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("durable"));
  }

  @Test
  void aStackLeftInProgressByAStoppedCloudIsMarkedFailed() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).stackStepDelay(Duration.ofSeconds(5)).build());
    connect();
    create("interrupted", PYTHON_STACK, Capability.CAPABILITY_IAM);
    assertThat(describe("interrupted").stackStatus()).isEqualTo(StackStatus.CREATE_IN_PROGRESS);
    stop();

    start();
    Stack stack = describe("interrupted");
    assertThat(stack.stackStatus()).isEqualTo(StackStatus.CREATE_FAILED);
    assertThat(stack.stackStatusReason()).contains("local cloud stopped while this operation was in progress");
    cfn.deleteStack(r -> r.stackName("interrupted"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("interrupted"));
  }

  @Test
  void anUpdateKeepsWhatTheTemplateDoesNotChangeEvenIfChangedOutOfBand() throws Exception {
    start();
    create("flip", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("flip"));
    String fn = describe("flip").outputs().stream().filter(o -> o.outputKey().equals("FunctionName")).findFirst()
        .orElseThrow().outputValue();

    // Out of band: the function becomes a Java function with other code.
    lambda.updateFunctionConfiguration(r -> r.functionName(fn).runtime("java21").handler("example.Handler::handleRequest"));
    lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(fn));
    SdkBytes javaZip = SdkBytes.fromByteArray(zip("example/Handler.class"));
    lambda.updateFunctionCode(r -> r.functionName(fn).zipFile(javaZip));
    lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(fn));
    String javaSha = lambda.getFunctionConfiguration(r -> r.functionName(fn)).codeSha256();

    // The stack changes only the environment: runtime, handler and code stay as they are.
    cfn.updateStack(r -> r.stackName("flip").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("hi").build()));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("flip"));
    GetFunctionConfigurationResponse config = lambda.getFunctionConfiguration(r -> r.functionName(fn));
    assertThat(config.environment().variables()).containsEntry("GREETING", "hi");
    assertThat(config.runtimeAsString()).isEqualTo("java21");
    assertThat(config.handler()).isEqualTo("example.Handler::handleRequest");
    assertThat(config.codeSha256()).isEqualTo(javaSha);

    // A change of the inline code in the template does reach the function.
    String newCode = PYTHON_STACK.replace("hello from python", "hello again");
    cfn.updateStack(r -> r.stackName("flip").templateBody(newCode).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").usePreviousValue(true).build()));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("flip"));
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName(fn)).codeSha256()).isNotEqualTo(javaSha);
  }

  private static byte[] zip(String name) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      out.putNextEntry(new ZipEntry(name));
      out.write("not really a class".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return bytes.toByteArray();
  }
}
