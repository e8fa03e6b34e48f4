package io.github.lambdasdlc.workflow;

import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** DescribeStacks of one stack, for the goals that must tell "no such stack" from a failure. */
final class StackLookup {
  private StackLookup() {
  }

  /**
   * The stack of that name (or id), or empty when CloudFormation says it does not exist.
   *
   * @throws WorkflowException for any other failure, explained
   */
  static Optional<Stack> describe(AwsClients clients, String stackName) {
    try {
      return clients.cloudFormation().describeStacks(b -> b.stackName(stackName)).stacks().stream().findFirst();
    } catch (AwsServiceException e) {
      if (doesNotExist(e)) {
        return Optional.empty();
      }
      throw SdkErrors.explain(e, clients.target(), "describing stack " + stackName);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "describing stack " + stackName);
    }
  }

  /** CloudFormation's answer for a stack that does not exist: ValidationError "Stack with id X does not exist". */
  static boolean doesNotExist(AwsServiceException e) {
    return e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
        && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist");
  }
}
