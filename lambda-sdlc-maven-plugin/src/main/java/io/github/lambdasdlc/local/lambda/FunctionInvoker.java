package io.github.lambdasdlc.local.lambda;

/**
 * Runs functions: the execution side of the Lambda service. The control plane resolves the function and
 * checks the request (state, payload size, invocation type); the invoker runs it in an execution
 * environment and reports what the runtime answered.
 */
public interface FunctionInvoker extends AutoCloseable {

  /**
   * Runs one synchronous invocation and waits for its outcome. For {@code Event} invocations the control
   * plane calls this on a background thread and discards the response.
   *
   * @throws io.github.lambdasdlc.local.core.AwsError for failures Lambda reports as API errors rather than as
   *     function errors (TooManyRequestsException beyond the concurrency limit, a runtime that cannot
   *     be started at all, ...)
   */
  InvocationResponse invoke(ExecutableFunction function, InvocationRequest request);

  /** The function (all its versions) is gone: stop its execution environments. */
  default void functionDeleted(String functionArn) {
  }

  /** Stops every execution environment. */
  @Override
  default void close() {
  }
}
