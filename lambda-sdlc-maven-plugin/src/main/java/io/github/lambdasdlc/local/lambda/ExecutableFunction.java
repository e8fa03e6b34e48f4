package io.github.lambdasdlc.local.lambda;

import java.nio.file.Path;
import java.util.Map;

/**
 * One version of a function as the execution engine needs it: everything that decides how it runs.
 * Two snapshots that are equal can share warm execution environments; any difference (new code, a new
 * configuration) means fresh ones, as on AWS.
 *
 * @param functionArn the unqualified ARN
 * @param version {@code $LATEST} or a published version number
 * @param codeZip the deployment package as uploaded
 * @param codeSha256 Lambda's CodeSha256 of {@code codeZip}
 * @param architecture {@code x86_64} or {@code arm64}
 */
public record ExecutableFunction(String functionName, String functionArn, String version, String runtime,
    String handler, int memorySize, int timeout, Map<String, String> environment, Path codeZip, String codeSha256,
    String architecture, String revisionId) {
}
