package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

class StackLifecycleTest extends CloudFormationTestSupport {

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void createsUpdatesAndDeletesAStackWithAPythonFunction() throws Exception {
    String stackId = cfn.createStack(r -> r.stackName("app").templateBody(PYTHON_STACK)
        .capabilities(Capability.CAPABILITY_IAM)
        .tags(t -> t.key("team").value("blue"))
        .parameters(Parameter.builder().parameterKey("Secret").parameterValue("top-secret").build())).stackId();
    assertThat(stackId).matches("arn:aws:cloudformation:us-east-1:000000000000:stack/app/[0-9a-f-]{36}");
    assertThat(describe("app").stackStatus()).isEqualTo(StackStatus.CREATE_IN_PROGRESS);

    Stack created = waiter.waitUntilStackCreateComplete(r -> r.stackName("app")).matched().response().orElseThrow()
        .stacks().get(0);
    assertThat(created.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(created.description()).isEqualTo("A Python function with its role and log group");
    assertThat(created.capabilities()).containsExactly(Capability.CAPABILITY_IAM);
    assertThat(created.tags()).singleElement().satisfies(t -> assertThat(t.key() + "=" + t.value()).isEqualTo("team=blue"));
    assertThat(created.creationTime()).isNotNull();
    assertThat(created.disableRollback()).isFalse();
    Map<String, String> params = new HashMap<>();
    created.parameters().forEach(p -> params.put(p.parameterKey(), p.parameterValue()));
    assertThat(params).containsEntry("Secret", "****").containsEntry("Greeting", "hello").containsEntry("Retention", "7");
    Map<String, Output> outputs = new HashMap<>();
    created.outputs().forEach(o -> outputs.put(o.outputKey(), o));
    String functionName = outputs.get("FunctionName").outputValue();
    assertThat(functionName).matches("app-Fn-[A-Z0-9]{13}");
    assertThat(outputs.get("FunctionName").exportName()).isEqualTo("app-function");
    assertThat(outputs.get("FunctionName").description()).isEqualTo("the function");
    assertThat(outputs.get("FunctionArn").outputValue())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + functionName);
    assertThat(outputs.get("LogGroupArn").outputValue()).matches("arn:aws:logs:us-east-1:000000000000:log-group:app-Logs-[A-Z0-9]{13}:\\*");
    assertThat(cfn.listExports().exports()).singleElement().satisfies(e -> {
      assertThat(e.name()).isEqualTo("app-function");
      assertThat(e.value()).isEqualTo(functionName);
      assertThat(e.exportingStackId()).isEqualTo(stackId);
    });

    // Events: newest first, the stack's own first and last.
    List<StackEvent> events = events("app");
    assertThat(events.get(0).resourceStatusAsString()).isEqualTo("CREATE_COMPLETE");
    assertThat(events.get(0).logicalResourceId()).isEqualTo("app");
    assertThat(events.get(0).resourceType()).isEqualTo("AWS::CloudFormation::Stack");
    assertThat(events.get(events.size() - 1).resourceStatusReason()).isEqualTo("User Initiated");
    assertThat(events).filteredOn(e -> "Fn".equals(e.logicalResourceId())).extracting(StackEvent::resourceStatusAsString)
        .containsExactly("CREATE_COMPLETE", "CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS");
    // Role before function (GetAtt), function after.
    List<String> order = events.stream().filter(e -> "CREATE_COMPLETE".equals(e.resourceStatusAsString()))
        .map(StackEvent::logicalResourceId).toList();
    assertThat(order.indexOf("Fn")).isLessThan(order.indexOf("Role"));

    List<StackResource> resources = cfn.describeStackResources(r -> r.stackName("app")).stackResources();
    assertThat(resources).extracting(StackResource::logicalResourceId).containsExactlyInAnyOrder("Role", "Logs", "Fn");
    assertThat(cfn.describeStackResource(r -> r.stackName("app").logicalResourceId("Fn")).stackResourceDetail()
        .physicalResourceId()).isEqualTo(functionName);
    assertThat(cfn.listStackResources(r -> r.stackName("app")).stackResourceSummaries()).hasSize(3);
    assertThat(cfn.getTemplate(r -> r.stackName("app")).templateBody()).isEqualTo(PYTHON_STACK);

    // The function exists in Lambda with the inline code as index.py.
    GetFunctionResponse fn = lambda.getFunction(r -> r.functionName(functionName));
    assertThat(fn.configuration().runtimeAsString()).isEqualTo("python3.12");
    assertThat(fn.configuration().handler()).isEqualTo("index.handler");
    assertThat(fn.configuration().memorySize()).isEqualTo(256);
    assertThat(fn.configuration().role()).matches("arn:aws:iam::000000000000:role/app-Role-[A-Z0-9]{13}");
    assertThat(fn.configuration().environment().variables()).containsEntry("GREETING", "hello");
    Map<String, String> files = unzip(download(fn.code().location()));
    assertThat(files).containsOnlyKeys("index.py");
    assertThat(files.get("index.py")).contains("return \"hello from python\"");

    // Update: a parameter change reaches the function in place.
    cfn.updateStack(r -> r.stackName("app").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("salut").build(),
            Parameter.builder().parameterKey("Secret").usePreviousValue(true).build(),
            Parameter.builder().parameterKey("Retention").usePreviousValue(true).build()));
    Stack updated = waiter.waitUntilStackUpdateComplete(r -> r.stackName("app")).matched().response().orElseThrow()
        .stacks().get(0);
    assertThat(updated.stackStatus()).isEqualTo(StackStatus.UPDATE_COMPLETE);
    assertThat(updated.lastUpdatedTime()).isNotNull();
    assertThat(lambda.getFunctionConfiguration(r -> r.functionName(functionName)).environment().variables())
        .containsEntry("GREETING", "salut");
    assertThat(events("app")).extracting(StackEvent::resourceStatusAsString)
        .contains("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");

    // Update: a new FunctionName replaces the function.
    String renamed = PYTHON_STACK.replace("Runtime: python3.12", "FunctionName: renamed-fn\n      Runtime: python3.12");
    cfn.updateStack(r -> r.stackName("app").templateBody(renamed).capabilities(Capability.CAPABILITY_NAMED_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").usePreviousValue(true).build()));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("app"));
    assertThat(lambda.getFunction(r -> r.functionName("renamed-fn")).configuration().environment().variables())
        .containsEntry("GREETING", "salut");
    assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName(functionName)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(cfn.listExports().exports().get(0).value()).isEqualTo("renamed-fn");

    cfn.deleteStack(r -> r.stackName("app"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("app"));
    assertThatThrownBy(() -> lambda.getFunction(r -> r.functionName("renamed-fn")))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThatThrownBy(() -> describe("app"))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Stack with id app does not exist")
        .satisfies(e -> assertThat(((CloudFormationException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    Stack deleted = describe(stackId);
    assertThat(deleted.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    assertThat(deleted.deletionTime()).isNotNull();
    assertThat(cfn.listStacks().stackSummaries()).anySatisfy(s -> {
      assertThat(s.stackId()).isEqualTo(stackId);
      assertThat(s.stackStatus()).isEqualTo(StackStatus.DELETE_COMPLETE);
    });
    assertThat(cfn.listStacks(r -> r.stackStatusFilters(StackStatus.CREATE_COMPLETE)).stackSummaries()).isEmpty();
    assertThat(cfn.describeStacks().stacks()).isEmpty();
    assertThat(cfn.listExports().exports()).isEmpty();
  }

  @Test
  void anUnchangedUpdateIsRefused() {
    create("same", PYTHON_STACK, Capability.CAPABILITY_IAM);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("same"));
    assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("same").templateBody(PYTHON_STACK)
        .capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("hello").build())))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("No updates are to be performed.");
  }

  @Test
  void anUpdateWhileCreatingIsRefused() {
    String id = create("busy", PYTHON_STACK, Capability.CAPABILITY_IAM);
    assertThatThrownBy(() -> cfn.updateStack(r -> r.stackName("busy").usePreviousTemplate(true)
        .capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("hi").build())))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Stack:" + id + " is in CREATE_IN_PROGRESS state and can not be updated.");
    assertThatThrownBy(() -> cfn.deleteStack(r -> r.stackName("busy")))
        .hasMessageContaining("Stack [" + id + "] cannot be deleted while in status CREATE_IN_PROGRESS");
    waiter.waitUntilStackCreateComplete(r -> r.stackName("busy"));
  }

  @Test
  void missingCapabilitiesAreRefused() {
    assertThatThrownBy(() -> create("caps", PYTHON_STACK))
        .isInstanceOf(software.amazon.awssdk.services.cloudformation.model.InsufficientCapabilitiesException.class)
        .hasMessageContaining("Requires capabilities : [CAPABILITY_IAM]");
    String named = PYTHON_STACK.replace("AssumeRolePolicyDocument:", "RoleName: fixed\n      AssumeRolePolicyDocument:");
    assertThatThrownBy(() -> create("caps", named, Capability.CAPABILITY_IAM))
        .hasMessageContaining("Requires capabilities : [CAPABILITY_NAMED_IAM]");
    assertThatThrownBy(() -> describe("caps")).hasMessageContaining("Stack with id caps does not exist");
  }

  @Test
  void badTemplatesAndParametersAreValidationErrors() {
    assertThatThrownBy(() -> create("bad", "Resources: {}"))
        .isInstanceOf(CloudFormationException.class)
        .hasMessageContaining("Template format error: At least one Resources member must be defined.")
        .satisfies(e -> assertThat(((CloudFormationException) e).awsErrorDetails().errorCode()).isEqualTo("ValidationError"));
    assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("bad").templateBody(PYTHON_STACK)
        .capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Greeting").parameterValue("bonjour").build())))
        .hasMessageContaining("Greeting");
    assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("bad").templateBody(PYTHON_STACK)
        .capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Nope").parameterValue("x").build())))
        .hasMessageContaining("Parameters: [Nope] do not exist in the template");
    assertThatThrownBy(() -> create("1bad", PYTHON_STACK))
        .hasMessageContaining("1 validation error detected: Value '1bad' at 'stackName' failed to satisfy constraint:"
            + " Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*");
    assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("nourl").templateURL("https://s3.amazonaws.com/b/t.yaml")))
        .hasMessageContaining("TemplateURL is not supported");
    assertThatThrownBy(() -> cfn.createStack(r -> r.stackName("none")))
        .hasMessageContaining("Either Template URL or Template Body must be specified.");
    assertThatThrownBy(() -> cfn.describeStackEvents(r -> r.stackName("nope")))
        .hasMessageContaining("Stack [nope] does not exist");
    assertThatThrownBy(() -> cfn.describeStacks(r -> r.stackName("nope")))
        .hasMessageContaining("Stack with id nope does not exist");
    // Deleting a stack that does not exist succeeds, as on AWS.
    cfn.deleteStack(r -> r.stackName("nope"));
  }

  @Test
  void aSecondStackOfTheSameNameIsRefused() {
    create("twice", PYTHON_STACK, Capability.CAPABILITY_IAM);
    assertThatThrownBy(() -> create("twice", PYTHON_STACK, Capability.CAPABILITY_IAM))
        .isInstanceOf(software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException.class)
        .hasMessageContaining("Stack [twice] already exists");
    waiter.waitUntilStackCreateComplete(r -> r.stackName("twice"));
  }

  @Test
  void validateTemplateDescribesParametersAndCapabilities() {
    var v = cfn.validateTemplate(r -> r.templateBody(PYTHON_STACK));
    assertThat(v.description()).isEqualTo("A Python function with its role and log group");
    assertThat(v.capabilities()).containsExactly(Capability.CAPABILITY_IAM);
    assertThat(v.capabilitiesReason()).isEqualTo("The following resource(s) require capabilities: [AWS::IAM::Role]");
    assertThat(v.parameters()).anySatisfy(p -> {
      assertThat(p.parameterKey()).isEqualTo("Secret");
      assertThat(p.noEcho()).isTrue();
    });
    assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody("{\"Resources\": 5}")))
        .hasMessageContaining("Template format error");
  }

  @Test
  void terminationProtectionRefusesDelete() {
    cfn.createStack(r -> r.stackName("kept").templateBody(PYTHON_STACK).capabilities(Capability.CAPABILITY_IAM)
        .enableTerminationProtection(true));
    waiter.waitUntilStackCreateComplete(r -> r.stackName("kept"));
    assertThat(describe("kept").enableTerminationProtection()).isTrue();
    assertThatThrownBy(() -> cfn.deleteStack(r -> r.stackName("kept")))
        .hasMessageContaining("Stack [kept] cannot be deleted while TerminationProtection is enabled");
    cfn.updateTerminationProtection(r -> r.stackName("kept").enableTerminationProtection(false));
    cfn.deleteStack(r -> r.stackName("kept"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("kept"));
  }

  @Test
  void unknownActionIsInvalidAction() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(cloud.endpoint() + "/"))
            .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cloudformation/aws4_request,"
                + " SignedHeaders=host, Signature=00")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("Action=FlyToTheMoon&Version=2010-05-15")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("<Code>InvalidAction</Code>").contains("<Type>Sender</Type>")
        .contains("<RequestId>");
  }

  static byte[] download(String url) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray()).body();
  }

  static Map<String, String> unzip(byte[] zip) throws Exception {
    Map<String, String> files = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        files.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
