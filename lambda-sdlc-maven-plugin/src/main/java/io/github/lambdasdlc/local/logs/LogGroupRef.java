package io.github.lambdasdlc.local.logs;

import io.github.lambdasdlc.local.core.LocalContext;
import java.nio.file.Path;

/**
 * The log group a request names, by {@code logGroupName} or by {@code logGroupIdentifier} (a name or the
 * group's ARN without the trailing {@code :*}). AWS wants exactly one of the two.
 */
record LogGroupRef(String name, Path dir) {

  /**
   * Reads the group members of a request (their constraints are checked by {@link LogsRequest#validate()},
   * which the caller runs next) and returns a resolver to call after validation.
   */
  static Pending read(LogsRequest request) {
    String name = request.string("logGroupName", 1, 512, LogsRequest.GROUP_NAME_PATTERN, false);
    String identifier = request.string("logGroupIdentifier", 1, 2048, LogsRequest.GROUP_IDENTIFIER_PATTERN, false);
    return new Pending(name, identifier);
  }

  /** The group members of a request, read but not yet resolved. */
  record Pending(String name, String identifier) {
    /** The existing group named; throws AWS's errors when both, neither or an unknown group is named. */
    LogGroupRef resolve(LocalContext context, LogDirectory logs) {
      if (name != null && identifier != null) {
        throw LogsErrors.groupNameAndIdentifier();
      }
      if (name == null && identifier == null) {
        throw LogsErrors.invalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
      }
      String groupName = name != null ? name : nameFromIdentifier(context, identifier);
      Path dir = logs.group(groupName).orElseThrow(LogsErrors::groupNotFound);
      return new LogGroupRef(groupName, dir);
    }

    private static String nameFromIdentifier(LocalContext context, String identifier) {
      if (!identifier.startsWith("arn:")) {
        return identifier;
      }
      String prefix = context.arn("logs", "log-group:");
      if (!identifier.startsWith(prefix) || identifier.length() == prefix.length()) {
        // Another partition, region or account, or not a log group ARN: no such group here.
        throw LogsErrors.groupNotFound();
      }
      return identifier.substring(prefix.length());
    }
  }

  /** The ARN AWS lists as {@code arn}: with the trailing {@code :*}. */
  static String arnWithWildcard(LocalContext context, String group) {
    return context.arn("logs", "log-group:" + group + ":*");
  }

  /** The ARN AWS lists as {@code logGroupArn} and accepts as {@code logGroupIdentifier}. */
  static String arn(LocalContext context, String group) {
    return context.arn("logs", "log-group:" + group);
  }

  static String streamArn(LocalContext context, String group, String stream) {
    return context.arn("logs", "log-group:" + group + ":log-stream:" + stream);
  }
}
