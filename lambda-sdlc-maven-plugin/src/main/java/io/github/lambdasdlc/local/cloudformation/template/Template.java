package io.github.lambdasdlc.local.cloudformation.template;

import java.util.Map;
import java.util.Set;

/**
 * A parsed and structurally validated CloudFormation template (JSON, or YAML with the short-form tags
 * {@code !Ref}, {@code !GetAtt}, {@code !Sub}, ... turned into their {@code Fn::} forms).
 */
public final class Template {

  /**
   * Parses and validates a template body.
   *
   * @throws TemplateException with CloudFormation's {@code Template format error: ...} wording
   */
  public static Template parse(String body) {
    throw new UnsupportedOperationException("contract only: implemented by the template engine");
  }

  /** The body exactly as given, for GetTemplate. */
  public String body() {
    throw new UnsupportedOperationException();
  }

  /** The template's Description, or null. */
  public String description() {
    throw new UnsupportedOperationException();
  }

  /** Declared parameters in template order. */
  public Map<String, ParameterDeclaration> parameters() {
    throw new UnsupportedOperationException();
  }

  /** Declared resources in template order. */
  public Map<String, ResourceDeclaration> resources() {
    throw new UnsupportedOperationException();
  }

  /**
   * The capabilities CreateStack and UpdateStack must be given: {@code CAPABILITY_IAM} when the template
   * has IAM resources, {@code CAPABILITY_NAMED_IAM} when one of them has a custom name; empty otherwise.
   */
  public Set<String> requiredCapabilities() {
    throw new UnsupportedOperationException();
  }

  /**
   * Checks the given parameter values against the declarations and fills in defaults.
   *
   * @param given the values the caller passed
   * @param previous the values in force before (for UsePreviousValue), empty on create
   * @param usePrevious names the caller asked to keep at their previous values
   * @return every declared parameter's value
   * @throws TemplateException with CloudFormation's wording, such as {@code Parameters: [X] must have values}
   */
  public Map<String, String> resolveParameters(Map<String, String> given, Map<String, String> previous,
      Set<String> usePrevious) {
    throw new UnsupportedOperationException();
  }

  /** An evaluator for one stack operation with these parameter values. */
  public TemplateEvaluator evaluator(Map<String, String> parameterValues, PseudoParameters pseudo,
      ImportResolver imports) {
    throw new UnsupportedOperationException();
  }
}
