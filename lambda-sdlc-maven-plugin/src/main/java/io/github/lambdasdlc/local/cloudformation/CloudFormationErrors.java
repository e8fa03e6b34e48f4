package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.core.AwsError;
import java.util.ArrayList;
import java.util.List;

/** CloudFormation's errors, with its codes, statuses and wording. */
public final class CloudFormationErrors {
  /** CreateStack's StackName pattern; other operations also take a stack ARN. */
  static final String NAME_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*";
  static final String NAME_OR_ID_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*";

  private CloudFormationErrors() {
  }

  /** {@code ValidationError} (400): not a modeled exception, clients see CloudFormationException. */
  public static AwsError validation(String message) {
    return new AwsError(400, "ValidationError", message);
  }

  public static AwsError alreadyExists(String stackName) {
    return new AwsError(400, "AlreadyExistsException", "Stack [" + stackName + "] already exists");
  }

  public static AwsError insufficientCapabilities(String capability) {
    return new AwsError(400, "InsufficientCapabilitiesException", "Requires capabilities : [" + capability + "]");
  }

  /** DescribeStacks' wording for a stack that does not exist (or is deleted and asked for by name). */
  public static AwsError stackWithIdDoesNotExist(String nameOrId) {
    return validation("Stack with id " + nameOrId + " does not exist");
  }

  /** The wording of the other stack operations (DescribeStackEvents, DescribeStackResources, ...). */
  public static AwsError stackDoesNotExist(String nameOrId) {
    return validation("Stack [" + nameOrId + "] does not exist");
  }

  public static AwsError cannotBeUpdated(String stackId, String status) {
    return validation("Stack:" + stackId + " is in " + status + " state and can not be updated.");
  }

  public static AwsError invalidAction(String action) {
    return new AwsError(400, "InvalidAction", "The action " + action + " is not valid for this web service.");
  }

  /**
   * Collects the "N validation error(s) detected" of AWS's request checks, member names in
   * lowerCamelCase as AWS writes them.
   */
  static final class Constraints {
    private final List<String> problems = new ArrayList<>();

    Constraints notNull(String member, Object value) {
      if (value == null) {
        problems.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
      }
      return this;
    }

    Constraints pattern(String member, String value, String pattern) {
      if (value != null && !value.matches(pattern)) {
        problems.add("Value '" + value + "' at '" + member
            + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + pattern);
      }
      return this;
    }

    Constraints minLength(String member, String value, int min) {
      if (value != null && value.length() < min) {
        problems.add("Value '" + value + "' at '" + member
            + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
      }
      return this;
    }

    Constraints maxLength(String member, String value, int max, boolean echoValue) {
      if (value != null && value.length() > max) {
        problems.add("Value '" + (echoValue ? value : "...") + "' at '" + member
            + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
      }
      return this;
    }

    Constraints enumValue(String member, String value, List<String> allowed) {
      if (value != null && !allowed.contains(value)) {
        problems.add("Value '" + value + "' at '" + member
            + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
      }
      return this;
    }

    Constraints add(String problem) {
      problems.add(problem);
      return this;
    }

    void check() {
      if (problems.isEmpty()) {
        return;
      }
      String head = problems.size() == 1 ? "1 validation error detected: "
          : problems.size() + " validation errors detected: ";
      throw validation(head + String.join("; ", problems));
    }
  }
}
