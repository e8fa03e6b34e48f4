package io.github.lambdasdlc.workflow;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Remembers which API operation (UpdateFunctionCode, DescribeStacks, ...) an SDK exception came from, so
 * that {@link SdkErrors} can name it: the SDK's exceptions carry the service and status, not the
 * operation. Installed on every client of {@link AwsClients}.
 */
final class FailedOperations implements ExecutionInterceptor {
  /** Weak keys: an exception nobody holds any more is forgotten with its operation. */
  private static final Map<Throwable, String> OPERATIONS = Collections.synchronizedMap(new WeakHashMap<>());

  @Override
  public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    if (operation != null) {
      OPERATIONS.put(context.exception(), operation);
    }
    return context.exception();
  }

  /** The operation that failed with {@code e} (or with its cause, for a waiter's failure), or null. */
  static String of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String operation = OPERATIONS.get(t);
      if (operation != null) {
        return operation;
      }
    }
    return null;
  }
}
