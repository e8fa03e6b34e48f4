package io.github.lambdasdlc.local.lambda;

/**
 * One invocation as the control plane accepted it.
 *
 * @param requestId the id Lambda gives the invocation (a UUID), also sent as {@code x-amzn-RequestId}
 * @param invokedFunctionArn the ARN the caller used, qualified when it named a version or alias
 * @param invocationType {@code RequestResponse} or {@code Event} ({@code DryRun} never reaches the invoker)
 * @param tailLog whether the caller asked for {@code X-Amz-Log-Type: Tail}
 * @param clientContext the caller's {@code X-Amz-Client-Context} (base64 JSON), or null
 */
public record InvocationRequest(String requestId, String invokedFunctionArn, byte[] payload, String invocationType,
    boolean tailLog, String clientContext) {
}
