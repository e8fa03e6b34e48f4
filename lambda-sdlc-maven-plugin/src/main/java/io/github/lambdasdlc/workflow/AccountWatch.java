package io.github.lambdasdlc.workflow;

import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Learns the AWS account from the first ARN a call returns (a stack id, a function's ARN) and says once which
 * account the goal works on: the plugin has no STS client to ask, and a user who meant another account must
 * see it. Off AWS, an emulator's account number says nothing, so it stays quiet.
 */
final class AccountWatch implements ExecutionInterceptor {
  private final Target target;
  private final String region;
  private final WorkflowListener listener;
  private volatile String account;

  AccountWatch(Target target, String region, WorkflowListener listener) {
    this.target = target;
    this.region = region;
    this.listener = listener;
  }

  String account() {
    return account;
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (account != null || !target.isAws()) {
      return;
    }
    SdkResponse response = context.response();
    for (SdkField<?> field : response.sdkFields()) {
      if (field.memberName().equals("StackId") || field.memberName().equals("FunctionArn")) {
        Object value = field.getValueOrDefault(response);
        String found = value instanceof String arn ? accountOf(arn) : null;
        if (found != null) {
          account = found;
          listener.info("AWS account " + found + ", region " + region);
          return;
        }
      }
    }
  }

  /** The account of {@code arn:partition:service:region:account:resource}, or null. */
  static String accountOf(String arn) {
    String[] parts = arn.split(":", 6);
    return parts.length == 6 && parts[0].equals("arn") && parts[4].matches("\\d{12}") ? parts[4] : null;
  }
}
