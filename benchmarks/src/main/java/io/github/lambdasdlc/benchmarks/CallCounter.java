package io.github.lambdasdlc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeRequest;

/**
 * Counts the AWS API calls an SDK client makes (each HTTP attempt, retries included) and the bytes they
 * send: the request bodies as transmitted, and the zip bytes of UpdateFunctionCode.
 */
final class CallCounter implements ExecutionInterceptor {
  private final List<String> calls = new ArrayList<>();
  private long bodyBytes;
  private long zipBytes;

  @Override
  public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    if (request instanceof UpdateFunctionCodeRequest update && update.zipFile() != null) {
      zipBytes += update.zipFile().asByteArrayUnsafe().length;
    }
  }

  @Override
  public synchronized void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
        + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
    bodyBytes += context.requestBody().flatMap(b -> b.optionalContentLength()).orElse(0L);
  }

  synchronized void reset() {
    calls.clear();
    bodyBytes = 0;
    zipBytes = 0;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized long bodyBytes() {
    return bodyBytes;
  }

  synchronized long zipBytes() {
    return zipBytes;
  }
}
