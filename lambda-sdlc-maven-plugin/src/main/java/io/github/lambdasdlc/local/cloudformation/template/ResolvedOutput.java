package io.github.lambdasdlc.local.cloudformation.template;

/**
 * One output after evaluation; {@code exportName} is null when it is not exported. {@code masked} when its value
 * derives from a NoEcho custom resource's answer (CloudFormation shows asterisks for it).
 */
public record ResolvedOutput(String key, String value, String description, String exportName, boolean masked) {
}
