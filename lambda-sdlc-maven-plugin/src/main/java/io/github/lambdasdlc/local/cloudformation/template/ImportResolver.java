package io.github.lambdasdlc.local.cloudformation.template;

import java.util.Optional;

/** Looks up the value of another stack's export, for {@code Fn::ImportValue}. */
public interface ImportResolver {
  Optional<String> importValue(String exportName);
}
