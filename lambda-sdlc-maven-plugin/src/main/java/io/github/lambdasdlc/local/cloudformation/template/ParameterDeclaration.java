package io.github.lambdasdlc.local.cloudformation.template;

import java.util.List;

/**
 * A parameter as the template declares it. Number constraints are kept as text, as written.
 *
 * @param type {@code String}, {@code Number}, {@code CommaDelimitedList}, {@code List<Number>}, or an AWS-specific type
 */
public record ParameterDeclaration(String name, String type, String defaultValue, String description, boolean noEcho,
    List<String> allowedValues, String allowedPattern, Integer minLength, Integer maxLength, String minValue,
    String maxValue, String constraintDescription) {
}
