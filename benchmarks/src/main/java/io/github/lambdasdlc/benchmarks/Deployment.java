package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.CodePush;
import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.FunctionPreparation;
import io.github.lambdasdlc.workflow.JavaHandler;
import io.github.lambdasdlc.workflow.StackTemplate;
import io.github.lambdasdlc.workflow.Target;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.net.URI;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** Puts the suite's functions on a local cloud the way the SDLC does, and reads what Lambda reports. */
final class Deployment {
  static final WorkflowListener QUIET = event -> { };

  private Deployment() {
  }

  /** Creates a stack from the built-in template (the Python stub) and waits for CREATE_COMPLETE. */
  static String createStubStack(Sdk sdk, String stackName) {
    sdk.cloudFormation.createStack(b -> b.stackName(stackName).templateBody(StackTemplate.builtIn().body())
        .capabilities(Capability.CAPABILITY_IAM));
    awaitStack(sdk, stackName, 5);
    return stackName; // the template names the function after the stack
  }

  /** Polls DescribeStacks every {@code pollMillis} until CREATE_COMPLETE; fails on any other end state. */
  static void awaitStack(Sdk sdk, String stackName, long pollMillis) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      String status = sdk.cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks().get(0)
          .stackStatusAsString();
      if (status.equals("CREATE_COMPLETE")) {
        return;
      }
      if (!status.endsWith("_IN_PROGRESS")) {
        throw new IllegalStateException("Stack " + stackName + " ended in " + status);
      }
      sleep(pollMillis);
    }
    throw new IllegalStateException("Stack " + stackName + " was not created within 60 s");
  }

  /** What prepare and deploy do: switch the stub to Java and the example's handler, then push its zip. */
  static void flipToJava(URI endpoint, String function, String runtime, DeploymentZip.Result zip) {
    try (AwsClients clients = AwsClients.connect(Target.endpoint(endpoint, "us-east-1"))) {
      new FunctionPreparation(clients, QUIET).prepare(new FunctionPreparation.Request(function, runtime,
          JavaHandler.parse(FunctionCode.JAVA_HANDLER, "handler"), null, null, null, null, null));
      new CodePush(clients, QUIET).push(new CodePush.Request(function, zip, false, null));
    }
  }

  /** UpdateFunctionCode with the bytes given, then waits for LastUpdateStatus Successful. */
  static void updateCode(Sdk sdk, String function, byte[] zip) {
    sdk.lambda.updateFunctionCode(b -> b.functionName(function).zipFile(SdkBytes.fromByteArray(zip)));
    awaitUpdated(sdk, function, 5);
  }

  static FunctionConfiguration awaitUpdated(Sdk sdk, String function, long pollMillis) {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      var c = sdk.lambda.getFunctionConfiguration(b -> b.functionName(function));
      String status = c.lastUpdateStatusAsString();
      if ("Successful".equals(status)) {
        return null;
      }
      if ("Failed".equals(status)) {
        throw new IllegalStateException("Update of " + function + " failed: " + c.lastUpdateStatusReason());
      }
      sleep(pollMillis);
    }
    throw new IllegalStateException("Function " + function + " did not settle within 60 s");
  }

  /** One invocation that must succeed; returns it (with the log tail when asked for). */
  static InvokeResponse invoke(Sdk sdk, String function, String event, boolean tail) {
    InvokeResponse r = sdk.lambda.invoke(b -> b.functionName(function).payload(SdkBytes.fromUtf8String(event))
        .logType(tail ? LogType.TAIL : LogType.NONE));
    if (r.statusCode() != 200 || r.functionError() != null) {
      throw new IllegalStateException("Invoking " + function + " failed (" + r.statusCode() + ", "
          + r.functionError() + "): " + r.payload().asUtf8String()
          + (r.logResult() == null ? "" : "\n" + decode(r.logResult())));
    }
    return r;
  }

  static String decode(String logResult) {
    return new String(Base64.getDecoder().decode(logResult), java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The REPORT line's figures. {@code initMillis} is null on a warm invocation. */
  record ReportLine(double durationMillis, long billedMillis, long memorySizeMb, long maxMemoryMb, Double initMillis) {
    private static final Pattern REPORT = Pattern.compile("REPORT RequestId: \\S+\\tDuration: ([0-9.]+) ms\\t"
        + "Billed Duration: (\\d+) ms\\tMemory Size: (\\d+) MB\\tMax Memory Used: (\\d+) MB\\t"
        + "(?:Init Duration: ([0-9.]+) ms\\t)?");

    static ReportLine of(InvokeResponse response) {
      String log = decode(response.logResult());
      Matcher m = REPORT.matcher(log);
      if (!m.find()) {
        throw new IllegalStateException("No REPORT line in the log tail:\n" + log);
      }
      return new ReportLine(Double.parseDouble(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
          Long.parseLong(m.group(4)), m.group(5) == null ? null : Double.parseDouble(m.group(5)));
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
