package io.github.lambdasdlc.local.cloudformation.template;

import io.github.lambdasdlc.cfn.TemplateException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parameter types and the checks CloudFormation makes of a value, with its wording. AWS-specific types
 * ({@code AWS::EC2::KeyPair::KeyName}, {@code List<AWS::EC2::Subnet::Id>}, ...) are checked as their base
 * String or list type: the local cloud has no EC2 to look the values up in.
 */
final class ParameterTypes {
  static final String STRING = "String";
  static final String NUMBER = "Number";
  static final String NUMBER_LIST = "List<Number>";
  static final String COMMA_DELIMITED_LIST = "CommaDelimitedList";
  private static final Pattern NUMBER_TEXT = Pattern.compile("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");

  private ParameterTypes() {
  }

  static boolean isKnown(String type) {
    return type.equals(STRING) || type.equals(NUMBER) || type.equals(NUMBER_LIST)
        || type.equals(COMMA_DELIMITED_LIST) || (type.startsWith("AWS::") && type.length() > 5)
        || (type.startsWith("List<AWS::") && type.endsWith(">"));
  }

  /** Whether a Ref to the parameter gives a list. */
  static boolean isList(String type) {
    return type.equals(NUMBER_LIST) || type.equals(COMMA_DELIMITED_LIST) || type.startsWith("List<");
  }

  /** Systems Manager parameter types: their value is the name of a parameter in Parameter Store. */
  static boolean isSsm(String type) {
    return type.startsWith("AWS::SSM::Parameter::Value<");
  }

  /** A list parameter's members: separated by commas, each space-trimmed (as the Parameters reference says). */
  static List<String> members(String value) {
    List<String> members = new ArrayList<>();
    for (String member : value.split(",", -1)) {
      members.add(member.strip());
    }
    return members;
  }

  static boolean isNumber(String text) {
    return NUMBER_TEXT.matcher(text.strip()).matches();
  }

  static Pattern compile(String name, String allowedPattern) {
    try {
      return Pattern.compile(allowedPattern);
    } catch (PatternSyntaxException e) {
      throw new TemplateException("Template format error: Parameter '" + name
          + "' AllowedPattern must be a valid regular expression.");
    }
  }

  /**
   * Checks one value against the declaration.
   *
   * @throws TemplateException with CloudFormation's message, or {@code Parameter X failed to satisfy constraint:
   *     <ConstraintDescription>} when the template gives a ConstraintDescription
   */
  static void check(ParameterDeclaration declaration, String value) {
    String type = declaration.type();
    List<String> values = isList(type) ? members(value) : List.of(value);
    boolean numeric = type.equals(NUMBER) || type.equals(NUMBER_LIST);
    for (String member : values) {
      if (numeric && !isNumber(member)) {
        throw new TemplateException("Parameter '" + declaration.name() + "' must be a number.");
      }
    }
    for (String member : values) {
      String failure = constraintFailure(declaration, member, numeric, !isList(type));
      if (failure != null) {
        throw new TemplateException(declaration.constraintDescription() != null
            ? "Parameter " + declaration.name() + " failed to satisfy constraint: "
                + declaration.constraintDescription()
            : failure);
      }
    }
  }

  private static String constraintFailure(ParameterDeclaration p, String value, boolean numeric,
      boolean lengthApplies) {
    String name = "Parameter '" + p.name() + "'";
    if (p.allowedValues() != null && !p.allowedValues().contains(value)) {
      return name + " must be one of AllowedValues";
    }
    if (p.allowedPattern() != null && !compile(p.name(), p.allowedPattern()).matcher(value).matches()) {
      return name + " must match pattern " + p.allowedPattern();
    }
    if (lengthApplies && !numeric) {
      int length = value.codePointCount(0, value.length());
      if (p.minLength() != null && length < p.minLength()) {
        return name + " must contain at least " + p.minLength() + " characters";
      }
      if (p.maxLength() != null && length > p.maxLength()) {
        return name + " must contain at most " + p.maxLength() + " characters";
      }
    }
    if (numeric) {
      BigDecimal number = new BigDecimal(value.strip());
      if (p.minValue() != null && number.compareTo(new BigDecimal(p.minValue())) < 0) {
        return name + " must be a number not less than " + p.minValue();
      }
      if (p.maxValue() != null && number.compareTo(new BigDecimal(p.maxValue())) > 0) {
        return name + " must be a number not greater than " + p.maxValue();
      }
    }
    return null;
  }
}
