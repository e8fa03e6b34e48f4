package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_OR_ID_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import java.util.List;
import java.util.Map;

/**
 * CloudFormation's stack requests, decoded from the Query form into typed records with the checks AWS makes of
 * the request itself (required members, patterns, lengths, enums, members that exclude each other), in AWS's
 * wording. The stack logic ({@link StackMutations}, {@link StackQueries}) takes these records and checks only
 * what depends on the stacks. Members shared by several requests are {@link RequestMembers}.
 */
final class StackRequests {
  static final int MAX_STACK_NAME = 128;
  static final List<String> ON_FAILURE = List.of("DO_NOTHING", "ROLLBACK", "DELETE");
  static final List<String> TEMPLATE_STAGES = List.of("Original", "Processed");

  private StackRequests() {
  }

  /** CreateStack. {@code disableRollback} is null when not sent. */
  record CreateStack(String stackName, String templateBody, RequestMembers.GivenParameters parameters,
      List<String> capabilities, Map<String, String> tags, List<String> notificationArns, Boolean disableRollback,
      String onFailure, boolean enableTerminationProtection, Integer timeoutInMinutes, String roleArn) {

    static CreateStack from(QueryRequest q) {
      String name = q.get("StackName");
      String onFailure = q.get("OnFailure");
      new CloudFormationErrors.Constraints()
          .notNull("stackName", name)
          .minLength("stackName", name, 1)
          .maxLength("stackName", name, MAX_STACK_NAME, true)
          .pattern("stackName", name, NAME_PATTERN)
          .enumValue("onFailure", onFailure, ON_FAILURE)
          .check();
      String body = RequestMembers.templateBody(q, true);
      Boolean disableRollback = q.bool("DisableRollback");
      if (disableRollback != null && onFailure != null) {
        throw validation("You can specify either DisableRollback or OnFailure, but not both.");
      }
      List<String> capabilities = RequestMembers.capabilities(q);
      Map<String, String> tags = RequestMembers.tags(q);
      RequestMembers.GivenParameters parameters = RequestMembers.parameters(q);
      if (!parameters.usePrevious().isEmpty()) {
        throw validation("Invalid input for parameter key " + parameters.usePrevious().iterator().next()
            + ". Cannot specify usePreviousValue as true for a parameter when creating a stack");
      }
      Integer timeout = q.get("TimeoutInMinutes") == null ? null : timeout(q.get("TimeoutInMinutes"));
      return new CreateStack(name, body, parameters, capabilities, tags, q.list("NotificationARNs"), disableRollback,
          onFailure, Boolean.TRUE.equals(q.bool("EnableTerminationProtection")), timeout, q.get("RoleARN"));
    }

    /** What happens when the creation fails: OnFailure, or DisableRollback's equivalent. */
    String effectiveOnFailure() {
      return onFailure != null ? onFailure : Boolean.TRUE.equals(disableRollback) ? "DO_NOTHING" : "ROLLBACK";
    }

    private static Integer timeout(String text) {
      try {
        int minutes = Integer.parseInt(text);
        if (minutes < 1) {
          throw validation("1 validation error detected: Value '" + text + "' at 'timeoutInMinutes' failed to "
              + "satisfy constraint: Member must have value greater than or equal to 1");
        }
        return minutes;
      } catch (NumberFormatException e) {
        throw validation("Invalid value for TimeoutInMinutes: " + text);
      }
    }
  }

  /**
   * UpdateStack. {@code templateBody} is null when the previous template is used; {@code tags} and
   * {@code notificationArns} are null when not sent (unchanged), {@code disableRollback} likewise.
   */
  record UpdateStack(String stackName, String templateBody, boolean usePreviousTemplate,
      RequestMembers.GivenParameters parameters, List<String> capabilities, Map<String, String> tags,
      List<String> notificationArns, Boolean disableRollback) {

    static UpdateStack from(QueryRequest q) {
      String name = RequestMembers.stackNameOrId(q);
      boolean usePreviousTemplate = Boolean.TRUE.equals(q.bool("UsePreviousTemplate"));
      String body = RequestMembers.templateBody(q, !usePreviousTemplate);
      if (usePreviousTemplate && body != null) {
        throw validation("You cannot specify both usePreviousTemplate and Template Body/Template Url");
      }
      List<String> capabilities = RequestMembers.capabilities(q);
      RequestMembers.GivenParameters parameters = RequestMembers.parameters(q);
      Map<String, String> tags = q.hasList("Tags") ? RequestMembers.tags(q) : null;
      List<String> notifications = q.hasList("NotificationARNs") ? q.list("NotificationARNs") : null;
      return new UpdateStack(name, body, usePreviousTemplate, parameters, capabilities, tags, notifications,
          q.bool("DisableRollback"));
    }
  }

  record DeleteStack(String stackName, List<String> retainResources) {
    static DeleteStack from(QueryRequest q) {
      return new DeleteStack(RequestMembers.stackNameOrId(q), q.list("RetainResources"));
    }
  }

  record UpdateTerminationProtection(String stackName, boolean enable) {
    static UpdateTerminationProtection from(QueryRequest q) {
      String name = q.get("StackName");
      String enable = q.get("EnableTerminationProtection");
      new CloudFormationErrors.Constraints()
          .notNull("enableTerminationProtection", enable)
          .notNull("stackName", name)
          .pattern("stackName", name, NAME_OR_ID_PATTERN)
          .check();
      return new UpdateTerminationProtection(name, Boolean.parseBoolean(enable));
    }
  }

  record ValidateTemplate(String templateBody) {
    static ValidateTemplate from(QueryRequest q) {
      return new ValidateTemplate(RequestMembers.templateBody(q, true));
    }
  }

  /** DescribeStacks: one stack by name or id, or (when null) every live stack. */
  record DescribeStacks(String stackName, String nextToken) {
    static DescribeStacks from(QueryRequest q) {
      String name = q.get("StackName");
      new CloudFormationErrors.Constraints().pattern("stackName", name, NAME_OR_ID_PATTERN).check();
      return new DescribeStacks(name, q.get("NextToken"));
    }
  }

  /** A page of one stack's items: DescribeStackEvents, ListStackResources. */
  record StackPage(String stackName, String nextToken) {
    static StackPage from(QueryRequest q) {
      return new StackPage(RequestMembers.stackNameOrId(q), q.get("NextToken"));
    }
  }

  record DescribeStackResource(String stackName, String logicalResourceId) {
    static DescribeStackResource from(QueryRequest q) {
      String logicalId = q.get("LogicalResourceId");
      new CloudFormationErrors.Constraints().notNull("stackName", q.get("StackName"))
          .notNull("logicalResourceId", logicalId).check();
      return new DescribeStackResource(RequestMembers.stackNameOrId(q), logicalId);
    }
  }

  /** DescribeStackResources: by stack (name or id), or by a resource's physical id. */
  record DescribeStackResources(String stackName, String logicalResourceId, String physicalResourceId) {
    static DescribeStackResources from(QueryRequest q) {
      String name = q.get("StackName");
      String physicalId = q.get("PhysicalResourceId");
      if (name == null && physicalId == null) {
        throw validation("Either StackName or PhysicalResourceId must be specified.");
      }
      return new DescribeStackResources(name == null ? null : RequestMembers.stackNameOrId(q),
          q.get("LogicalResourceId"), physicalId);
    }
  }

  record ListStacks(List<String> statusFilter, String nextToken) {
    static ListStacks from(QueryRequest q) {
      List<String> filter = q.list("StackStatusFilter");
      CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
      for (String f : filter) {
        if (!StackQueries.STATUSES.contains(f)) {
          c.add("Value '" + filter + "' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy"
              + " constraint: [Member must satisfy enum value set: " + new java.util.TreeSet<>(StackQueries.STATUSES)
              + "]");
          break;
        }
      }
      c.check();
      return new ListStacks(filter, q.get("NextToken"));
    }
  }

  record ListExports(String nextToken) {
    static ListExports from(QueryRequest q) {
      return new ListExports(q.get("NextToken"));
    }
  }

  record GetTemplate(String stackName, String templateStage) {
    static GetTemplate from(QueryRequest q) {
      String name = q.get("StackName");
      String stage = q.get("TemplateStage");
      new CloudFormationErrors.Constraints().notNull("stackName", name).pattern("stackName", name, NAME_OR_ID_PATTERN)
          .enumValue("templateStage", stage, TEMPLATE_STAGES).check();
      return new GetTemplate(name, stage);
    }
  }
}
