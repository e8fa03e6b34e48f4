package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The local cloud's CloudWatch Logs: the read API over the log files in the state directory
 * ({@code <state>/logs/<URL-encoded group>/<URL-encoded stream>}, one {@code {"timestamp", "message"}} JSON
 * object a line, as the execution engine writes them). It speaks AWS JSON 1.1 ({@code POST /},
 * {@code X-Amz-Target: Logs_20140328.<Operation>}) and serves DescribeLogGroups, DescribeLogStreams,
 * GetLogEvents and FilterLogEvents, enough for the SDKs' CloudWatchLogs clients and paginators,
 * {@code aws logs} and boto3.
 *
 * <p>Log groups are the directories under {@code logs/}; a group may have no streams. Other services make
 * and remove groups with {@link #createLogGroup} and {@link #deleteLogGroup} (CloudFormation's
 * {@code AWS::Logs::LogGroup}, say). The files are the state: nothing else is kept, so a restarted local
 * cloud serves the same logs.
 */
public final class LogsService implements Service {
  /** The {@code X-Amz-Target} prefix of every CloudWatch Logs operation. */
  public static final String TARGET_PREFIX = "Logs_20140328.";
  private static final Logger LOG = Logger.getLogger(LogsService.class.getName());
  private static final Pattern GROUP_NAME = Pattern.compile(LogsRequest.GROUP_NAME_PATTERN);

  private final LogDirectory logs;
  private final DescribeLogGroups describeLogGroups;
  private final DescribeLogStreams describeLogStreams;
  private final GetLogEvents getLogEvents;
  private final FilterLogEvents filterLogEvents;

  public LogsService(LocalContext context) {
    this.logs = new LogDirectory(LogStreams.directory(context.store()));
    this.describeLogGroups = new DescribeLogGroups(context, logs);
    this.describeLogStreams = new DescribeLogStreams(context, logs);
    this.getLogEvents = new GetLogEvents(context, logs);
    this.filterLogEvents = new FilterLogEvents(context, logs);
  }

  /**
   * Creates a log group (its directory) if it does not exist, for services that create groups, such as
   * CloudFormation's {@code AWS::Logs::LogGroup}. Thread-safe; a group the execution engine made first is
   * the same group.
   *
   * @param name a log group name as AWS allows it: 1 to 512 of {@code a-z A-Z 0-9 . - _ / #}
   * @return true when the group was created, false when it already existed
   * @throws IllegalArgumentException when the name is not a valid log group name
   */
  public boolean createLogGroup(String name) {
    requireGroupName(name);
    return logs.createGroup(name);
  }

  /**
   * Deletes a log group with all its streams and events, as AWS's DeleteLogGroup does.
   *
   * @return true when the group existed, false when there was none
   * @throws IllegalArgumentException when the name is not a valid log group name
   */
  public boolean deleteLogGroup(String name) {
    requireGroupName(name);
    return logs.deleteGroup(name);
  }

  /** Whether a log group exists. */
  public boolean logGroupExists(String name) {
    return name != null && GROUP_NAME.matcher(name).matches() && logs.group(name).isPresent();
  }

  private static void requireGroupName(String name) {
    if (name == null || name.isEmpty() || name.length() > 512 || !GROUP_NAME.matcher(name).matches()
        || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("Not a valid log group name: '" + name + "'. Log group names are 1 to 512"
          + " characters of a-z, A-Z, 0-9, '.', '-', '_', '/' and '#'.");
    }
  }

  @Override
  public String signingName() {
    return "logs";
  }

  @Override
  public boolean claims(HttpRequest request) {
    return request.header("x-amz-target").map(t -> t.startsWith(TARGET_PREFIX)).orElse(false);
  }

  /** {@code FilterLogEvents} and the like, from the target header; null for anything else. */
  @Override
  public String operationName(HttpRequest request) {
    return request.header("x-amz-target").filter(t -> t.startsWith(TARGET_PREFIX))
        .map(t -> t.substring(TARGET_PREFIX.length())).orElse(null);
  }

  /** AWS JSON 1.1 errors, with CloudWatch Logs' own shape for faults injected before the service runs. */
  @Override
  public HttpResponse errorResponse(AwsError error) {
    return LogsErrors.render(error);
  }

  @Override
  public HttpResponse handle(HttpRequest request) {
    try {
      return LogsErrors.ok(dispatch(request));
    } catch (AwsError e) {
      return LogsErrors.render(e);
    } catch (RuntimeException e) {
      // Never a stack trace to the client: an AWS-shaped fault, the details in the log.
      LOG.log(Level.WARNING, "CloudWatch Logs failed to answer " + request.header("x-amz-target").orElse("?"), e);
      return LogsErrors.render(LogsErrors.serviceUnavailable("The local cloud's CloudWatch Logs failed ("
          + e.getClass().getSimpleName() + "); its log has the details."));
    }
  }

  private ObjectNode dispatch(HttpRequest request) {
    String target = request.header("x-amz-target").orElse("");
    if (!request.method().equals("POST") || !target.startsWith(TARGET_PREFIX)) {
      throw LogsErrors.unknownOperation(target.isEmpty() ? request.method() + " " + request.path() : target);
    }
    Function<LogsRequest, ObjectNode> operation = switch (target.substring(TARGET_PREFIX.length())) {
      case "DescribeLogGroups" -> describeLogGroups::handle;
      case "DescribeLogStreams" -> describeLogStreams::handle;
      case "GetLogEvents" -> getLogEvents::handle;
      case "FilterLogEvents" -> filterLogEvents::handle;
      default -> throw LogsErrors.unknownOperation(target);
    };
    return operation.apply(LogsRequest.parse(request.body()));
  }
}
