package io.github.lambdasdlc.local.reliability;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: starts a local cloud on a directory and changes stacks
 * and functions through the SDK as fast as it can until it is killed. Prints {@code READY} once serving.
 *
 * <p>Arguments: the state directory and a seed.
 */
public final class CrashingWriterMain {
  private CrashingWriterMain() {
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).lockWait(Duration.ofSeconds(20))
        .stackStepDelay(Duration.ZERO).lambdaUpdateDelay(Duration.ofMillis(5)).build());
    CloudFormationClient cfn = ReliabilityClients.cloudFormation(cloud.endpoint());
    LambdaClient lambda = ReliabilityClients.lambda(cloud.endpoint());
    System.out.println("READY " + cloud.endpoint());
    System.out.flush();
    while (true) {
      String stack = "s" + random.nextInt(4);
      String fn = "f" + random.nextInt(4);
      String note = "n" + random.nextInt(1000);
      try {
        switch (random.nextInt(9)) {
          case 0 -> cfn.createStack(r -> r.stackName(stack).templateBody(ReliabilityClients.STACK)
              .capabilities(Capability.CAPABILITY_IAM)
              .parameters(Parameter.builder().parameterKey("Note").parameterValue(note).build()));
          case 1 -> cfn.updateStack(r -> r.stackName(stack).templateBody(ReliabilityClients.STACK)
              .capabilities(Capability.CAPABILITY_IAM)
              .parameters(Parameter.builder().parameterKey("Note").parameterValue(note).build()));
          case 2 -> cfn.deleteStack(r -> r.stackName(stack));
          case 3, 4 -> lambda.createFunction(ReliabilityClients.createFunction(fn, ReliabilityClients.handlerZip(note)));
          case 5 -> lambda.updateFunctionCode(r -> r.functionName(fn)
              .zipFile(SdkBytes.fromByteArray(ReliabilityClients.handlerZip(note))));
          case 6 -> lambda.updateFunctionConfiguration(r -> r.functionName(fn).description(note));
          case 7 -> lambda.publishVersion(r -> r.functionName(fn));
          default -> lambda.deleteFunction(r -> r.functionName(fn));
        }
      } catch (SdkException e) {
        // Conflicts, missing resources and the like: the point is to be writing when the kill comes.
      }
    }
  }
}
