package io.github.lambdasdlc.local.lambda;

/**
 * What an invocation produced.
 *
 * @param payload the function's response, or the runtime's error document on a function error
 * @param functionError null on success, {@code Unhandled} for a function error
 * @param logTail the invocation's log (START ... END ... REPORT lines included), whole; the control plane
 *     keeps its last 4 KB for {@code X-Amz-Log-Result}
 * @param executedVersion the version that ran, for {@code X-Amz-Executed-Version}
 */
public record InvocationResponse(byte[] payload, String functionError, String logTail, String executedVersion) {
}
