package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * DescribeLogGroups: every group (a directory under {@code logs/}), ASCII-sorted by name, up to
 * {@code limit} (default and most 50) a page. Every group here is of class STANDARD with no metric filters.
 */
final class DescribeLogGroups {
  private static final List<String> CLASSES = List.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY");

  private final LocalContext context;
  private final LogDirectory logs;

  DescribeLogGroups(LocalContext context, LogDirectory logs) {
    this.context = context;
    this.logs = logs;
  }

  ObjectNode handle(LogsRequest request) {
    request.strings("accountIdentifiers", 0, 20, 12, 12, "^\\d{12}$");
    String prefix = request.string("logGroupNamePrefix", 1, 512, LogsRequest.GROUP_NAME_PATTERN, false);
    String pattern = request.string("logGroupNamePattern", 0, 512, "[\\.\\-_/#A-Za-z0-9]*", false);
    String nextToken = request.string("nextToken", 1, Integer.MAX_VALUE, null, false);
    Integer limit = request.integer("limit", 1, 50);
    request.bool("includeLinkedAccounts", false);
    String groupClass = request.enumValue("logGroupClass", CLASSES);
    List<String> identifiers = request.strings("logGroupIdentifiers", 1, 50, 1, 2048,
        LogsRequest.GROUP_IDENTIFIER_PATTERN);
    request.validate();
    if (prefix != null && pattern != null) {
      throw LogsErrors.invalidParameter(
          "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
    }
    if (identifiers != null && (prefix != null || pattern != null || groupClass != null)) {
      throw LogsErrors.invalidParameter("logGroupIdentifiers cannot be combined with logGroupNamePrefix,"
          + " logGroupNamePattern or logGroupClass.");
    }
    String after = nextToken == null ? null : PageToken.decode(nextToken, "groups", 1).get(0);
    Set<String> wanted = identifiers == null ? null : namesOf(identifiers);

    List<String> matching = new ArrayList<>();
    for (String name : logs.groupNames()) {
      boolean selected = (prefix == null || name.startsWith(prefix))
          && (pattern == null || name.contains(pattern))
          && (groupClass == null || groupClass.equals("STANDARD"))
          && (wanted == null || wanted.contains(name))
          && (after == null || name.compareTo(after) > 0);
      if (selected) {
        matching.add(name);
      }
    }
    int pageSize = limit == null ? 50 : limit;
    ObjectNode out = Json.MAPPER.createObjectNode();
    ArrayNode groups = out.putArray("logGroups");
    for (String name : matching.subList(0, Math.min(pageSize, matching.size()))) {
      logs.group(name).ifPresent(dir -> groups.add(describe(name, dir, pattern != null)));
    }
    if (matching.size() > pageSize) {
      out.put("nextToken", PageToken.encode("groups", matching.get(pageSize - 1)));
    }
    return out;
  }

  private Set<String> namesOf(List<String> identifiers) {
    Set<String> names = new HashSet<>();
    String arnPrefix = LogGroupRef.arn(context, "");
    for (String id : identifiers) {
      if (!id.startsWith("arn:")) {
        names.add(id);
      } else if (id.startsWith(arnPrefix)) {
        names.add(id.substring(arnPrefix.length()));
      }
    }
    return names;
  }

  /**
   * One group. With {@code logGroupNamePattern} AWS leaves out storedBytes and deletionProtectionEnabled
   * (its documentation says only arn, creationTime and logGroupName; recorded AWS answers also carry the
   * class, the metric filter count and logGroupArn).
   */
  private ObjectNode describe(String name, Path dir, boolean byPattern) {
    ObjectNode group = Json.MAPPER.createObjectNode();
    group.put("logGroupName", name);
    group.put("creationTime", logs.groupCreationTime(dir));
    group.put("metricFilterCount", 0);
    group.put("arn", LogGroupRef.arnWithWildcard(context, name));
    if (!byPattern) {
      group.put("storedBytes", logs.storedBytes(dir));
    }
    group.put("logGroupClass", "STANDARD");
    group.put("logGroupArn", LogGroupRef.arn(context, name));
    if (!byPattern) {
      group.put("deletionProtectionEnabled", false);
    }
    return group;
  }
}
