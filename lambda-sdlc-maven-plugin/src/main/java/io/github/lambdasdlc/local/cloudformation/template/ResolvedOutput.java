package io.github.lambdasdlc.local.cloudformation.template;

/** One output after evaluation; {@code exportName} is null when it is not exported. */
public record ResolvedOutput(String key, String value, String description, String exportName) {
}
