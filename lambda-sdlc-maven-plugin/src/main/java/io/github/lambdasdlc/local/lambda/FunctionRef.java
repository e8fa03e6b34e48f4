package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as a request names it: a name, a partial ARN ({@code 123456789012:function:name}) or a full
 * ARN, each with an optional {@code :qualifier}, checked against the model's patterns and reconciled with
 * a separate {@code Qualifier} parameter the way Lambda does.
 *
 * @param name the function's name
 * @param qualifier a version, {@code $LATEST} or an alias; null when none was given
 */
record FunctionRef(String name, String qualifier) {

  /** Which member shape of the model names the function: they differ in length and in allowing dots. */
  enum Shape {
    /** {@code FunctionName}: Create/Update*, PublishVersion, aliases. */
    FUNCTION_NAME(140,
        "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
            + "(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
        "[a-zA-Z0-9\\-_]+", "\\$LATEST|[a-zA-Z0-9\\-_]+"),
    /** {@code NamespacedFunctionName}: Get*, DeleteFunction, Invoke, ListVersionsByFunction. */
    NAMESPACED(256,
        "(arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?"
            + "(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?",
        "[a-zA-Z0-9\\-_.]+", "\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9\\-_]+");

    final int maxLength;
    /** The pattern as AWS quotes it in its validation message. */
    final String quotedPattern;
    final Pattern pattern;

    Shape(int maxLength, String quotedPattern, String nameClass, String qualifierClass) {
      this.maxLength = maxLength;
      this.quotedPattern = quotedPattern;
      this.pattern = Pattern.compile("(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?"
          + "((?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d:)?"
          + "(\\d{12}:)?(function:)?(" + nameClass + ")(?::(" + qualifierClass + "))?");
    }
  }

  /** The qualifier pattern of NumericLatestPublishedOrAliasQualifier (the Qualifier query parameter). */
  private static final Pattern QUALIFIER = Pattern.compile("\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9\\-_$]+");

  /**
   * Parses and checks a function identifier.
   *
   * @param raw the identifier, already URL-decoded
   * @param qualifierParam the {@code Qualifier} parameter, or null
   * @throws AwsError ValidationException for a malformed name, InvalidParameterValueException when the
   *     ARN's qualifier and the parameter disagree, ResourceNotFoundException for another region
   */
  static FunctionRef parse(String raw, String qualifierParam, Shape shape, LocalContext context) {
    if (raw == null || raw.isEmpty()) {
      throw LambdaErrors.validation("null", "functionName", "Member must not be null");
    }
    if (raw.length() > shape.maxLength) {
      throw LambdaErrors.validation("'" + raw + "'", "functionName",
          "Member must have length less than or equal to " + shape.maxLength);
    }
    Matcher m = shape.pattern.matcher(raw);
    if (!m.matches()) {
      throw LambdaErrors.validation("'" + raw + "'", "functionName",
          "Member must satisfy regular expression pattern: " + shape.quotedPattern);
    }
    boolean isArn = raw.startsWith("arn:");
    String region = m.group(1) == null ? null : m.group(1).substring(0, m.group(1).length() - 1);
    String account = m.group(2) == null ? null : m.group(2).substring(0, 12);
    String name = m.group(4);
    String derived = m.group(5);
    if (isArn && (region == null || account == null || m.group(3) == null)) {
      throw LambdaErrors.validation("'" + raw + "'", "functionName",
          "Member must satisfy regular expression pattern: " + shape.quotedPattern);
    }
    if (region != null && !region.equals(context.region())) {
      throw LambdaErrors.notFound("Functions from '" + region + "' are not reachable in this region ('"
          + context.region() + "')");
    }
    if (account != null && !account.equals(context.accountId())) {
      // Another account's functions are out of reach here, as a foreign account's are without permission.
      throw LambdaErrors.functionNotFound("arn:aws:lambda:" + context.region() + ":" + account + ":function:" + name
          + (derived == null ? "" : ":" + derived));
    }
    String qualifier = derived;
    if (qualifierParam != null) {
      if (qualifierParam.isEmpty() || qualifierParam.length() > 128 || !QUALIFIER.matcher(qualifierParam).matches()) {
        throw LambdaErrors.validation("'" + qualifierParam + "'", "qualifier",
            "Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
      }
      if (derived != null && !derived.equals(qualifierParam)) {
        throw LambdaErrors.invalid("The derived qualifier from the function name does not match the specified qualifier.");
      }
      qualifier = qualifierParam;
    }
    return new FunctionRef(name, qualifier);
  }

  /** The unqualified ARN of a function of this cloud. */
  static String arn(LocalContext context, String name) {
    return context.arn("lambda", "function:" + name);
  }

  String unqualifiedArn(LocalContext context) {
    return arn(context, name);
  }

  /** The ARN as named, with the qualifier when one was given (as Lambda's "not found" messages show it). */
  String arnAsNamed(LocalContext context) {
    return qualifier == null ? arn(context, name) : arn(context, name) + ":" + qualifier;
  }

  boolean isLatest() {
    return qualifier == null || "$LATEST".equals(qualifier);
  }
}
