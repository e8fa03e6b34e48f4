package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_OR_ID_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import java.util.List;
import java.util.Map;

/**
 * The change set requests (and GetTemplateSummary, which {@code aws cloudformation deploy} asks before an update),
 * decoded from the Query form with AWS's checks of the request itself: see {@link StackRequests}.
 */
final class ChangeSetRequests {
  static final List<String> TYPES = List.of("CREATE", "UPDATE", "IMPORT");
  /** ChangeSetNameOrId's pattern in the API model. */
  static final String NAME_OR_ARN_PATTERN = "[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/]*";
  static final int MAX_NAME = 128;
  static final int MAX_DESCRIPTION = 1024;

  private ChangeSetRequests() {
  }

  record CreateChangeSet(String stackName, String changeSetName, String type, String templateBody,
      boolean usePreviousTemplate, RequestMembers.GivenParameters parameters, List<String> capabilities,
      Map<String, String> tags, List<String> notificationArns, String roleArn, String description,
      String onStackFailure) {

    static CreateChangeSet from(QueryRequest q) {
      String stackName = q.get("StackName");
      String name = q.get("ChangeSetName");
      String type = q.get("ChangeSetType") == null ? "UPDATE" : q.get("ChangeSetType");
      String description = q.get("Description");
      String onStackFailure = q.get("OnStackFailure");
      new CloudFormationErrors.Constraints()
          .notNull("stackName", stackName)
          .pattern("stackName", stackName, NAME_OR_ID_PATTERN)
          .notNull("changeSetName", name)
          .minLength("changeSetName", name, 1)
          .maxLength("changeSetName", name, MAX_NAME, true)
          .pattern("changeSetName", name, NAME_PATTERN)
          .enumValue("changeSetType", type, TYPES)
          .minLength("description", description, 1)
          .maxLength("description", description, MAX_DESCRIPTION, true)
          .enumValue("onStackFailure", onStackFailure, StackRequests.ON_FAILURE)
          .check();
      if (type.equals("IMPORT")) {
        throw validation("ChangeSetType IMPORT is not supported by the lambda-sdlc local cloud: it imports no"
            + " existing resources. Use CREATE or UPDATE.");
      }
      boolean usePreviousTemplate = Boolean.TRUE.equals(q.bool("UsePreviousTemplate"));
      String body = RequestMembers.templateBody(q, !usePreviousTemplate);
      if (usePreviousTemplate && body != null) {
        throw validation("You cannot specify both usePreviousTemplate and Template Body/Template Url");
      }
      if (type.equals("CREATE")) {
        if (usePreviousTemplate) {
          throw validation("UsePreviousTemplate cannot be used with ChangeSetType CREATE: the stack has no template"
              + " yet.");
        }
        new CloudFormationErrors.Constraints().pattern("stackName", stackName, NAME_PATTERN).check();
      } else if (onStackFailure != null) {
        throw validation("OnStackFailure can be specified only when the ChangeSetType is CREATE.");
      }
      List<String> capabilities = RequestMembers.capabilities(q);
      Map<String, String> tags = q.hasList("Tags") ? RequestMembers.tags(q) : null;
      RequestMembers.GivenParameters parameters = RequestMembers.parameters(q);
      List<String> notifications = q.hasList("NotificationARNs") ? q.list("NotificationARNs") : null;
      return new CreateChangeSet(stackName, name, type, body, usePreviousTemplate, parameters, capabilities, tags,
          notifications, q.get("RoleARN"), description, onStackFailure);
    }
  }

  /**
   * A change set named by ARN, or by name with its stack: DescribeChangeSet, DeleteChangeSet, ExecuteChangeSet.
   * {@code disableRollback} is ExecuteChangeSet's, null when not sent.
   */
  record ChangeSetRef(String changeSetName, String stackName, Boolean disableRollback) {
    static ChangeSetRef from(QueryRequest q) {
      String name = q.get("ChangeSetName");
      String stackName = q.get("StackName");
      new CloudFormationErrors.Constraints()
          .notNull("changeSetName", name)
          .minLength("changeSetName", name, 1)
          .maxLength("changeSetName", name, 1600, true)
          .pattern("changeSetName", name, NAME_OR_ARN_PATTERN)
          .pattern("stackName", stackName, NAME_OR_ID_PATTERN)
          .check();
      if (!name.startsWith("arn:") && stackName == null) {
        throw validation("StackName must be specified if ChangeSetName is not specified as an ARN.");
      }
      return new ChangeSetRef(name, stackName, q.bool("DisableRollback"));
    }
  }

  record ListChangeSets(String stackName, String nextToken) {
    static ListChangeSets from(QueryRequest q) {
      return new ListChangeSets(RequestMembers.stackNameOrId(q), q.get("NextToken"));
    }
  }

  /** GetTemplateSummary of a template body, or of a stack's template. */
  record GetTemplateSummary(String templateBody, String stackName) {
    static GetTemplateSummary from(QueryRequest q) {
      String stackName = q.get("StackName");
      new CloudFormationErrors.Constraints().pattern("stackName", stackName, NAME_OR_ID_PATTERN).check();
      String body = RequestMembers.templateBody(q, false);
      if ((body == null) == (stackName == null)) {
        throw validation("Exactly one of TemplateBody, TemplateUrl, StackName or StackSetName must be specified.");
      }
      return new GetTemplateSummary(body, stackName);
    }
  }
}
