package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * The {@code logs} step: a function's recent log events from CloudWatch Logs (FilterLogEvents on its log
 * group: LoggingConfig.LogGroup, else {@code /aws/lambda/<function>}), one line each as
 * {@code timestamp stream message}. Following polls again from the newest timestamp seen and drops the
 * events already printed by their ids, as {@code aws logs tail --follow} does.
 */
public final class LogTail {

  /**
   * What to read.
   *
   * @param since the earliest event time
   * @param filterPattern a CloudWatch Logs filter pattern, or null for every event
   */
  public record Request(String functionName, Instant since, String filterPattern) {
  }

  /** How many events were printed, and from which log group. */
  public record Result(String logGroup, int events) {
  }

  private static final Pattern RELATIVE = Pattern.compile("(\\d+)\\s*([smhdSMHD])");
  private static final Pattern LAMBDA_STREAM = Pattern.compile("\\d{4}/\\d{2}/\\d{2}/(\\[[^]]*])([0-9a-fA-F]+)");

  private final AwsClients clients;
  private final WorkflowListener listener;

  public LogTail(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  /**
   * Reads {@code lambda-sdlc.since}: an amount of time back from now ({@code 30s}, {@code 10m}, {@code 2h},
   * {@code 1d}) or an ISO-8601 instant ({@code 2024-05-01T12:00:00Z}, an offset such as {@code +02:00} too).
   */
  public static Instant since(String value, Instant now) {
    String v = value == null ? "" : value.trim();
    Matcher m = RELATIVE.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      Duration back = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
      return now.minus(back);
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw WorkflowException.userError("lambda-sdlc.since is '" + value + "'. Give an amount of time back from now"
          + " such as 30s, 10m, 2h or 1d, or an ISO-8601 instant such as 2024-05-01T12:00:00Z.", e);
    }
  }

  /** Prints the events since the request's time once. */
  public Result print(Request request) {
    String group = logGroup(request.functionName());
    listener.info("Log events of function " + request.functionName() + " since " + shown(request.since()) + " (log group "
        + group + (request.filterPattern() == null ? "" : ", filter " + request.filterPattern()) + "):");
    Poller poller = new Poller(group, request);
    int printed = poller.poll();
    if (poller.groupMissing) {
      listener.info("No log events: log group " + group + " does not exist yet (the function has not run there).");
    } else if (printed == 0) {
      listener.info("No log events since " + shown(request.since()) + ".");
    }
    return new Result(group, printed);
  }

  /**
   * Prints the events since the request's time, then keeps polling for new ones while {@code keepGoing}
   * says so (the goal: until Ctrl-C).
   */
  public Result follow(Request request, Duration interval, BooleanSupplier keepGoing) {
    String group = logGroup(request.functionName());
    listener.info("Following the log events of function " + request.functionName() + " since " + shown(request.since())
        + " (log group " + group + (request.filterPattern() == null ? "" : ", filter " + request.filterPattern())
        + "); press Ctrl-C to stop.");
    Poller poller = new Poller(group, request);
    int printed = 0;
    boolean saidMissing = false;
    while (true) {
      printed += poller.poll();
      if (poller.groupMissing && !saidMissing) {
        listener.info("Log group " + group + " does not exist yet; waiting for the function to log.");
        saidMissing = true;
      }
      if (!keepGoing.getAsBoolean()) {
        return new Result(group, printed);
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Result(group, printed);
      }
    }
  }

  private static Instant shown(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }

  /** The function's log group: its LoggingConfig.LogGroup, else Lambda's default. */
  String logGroup(String functionName) {
    GetFunctionConfigurationResponse c;
    try {
      c = clients.lambda().getFunctionConfiguration(b -> b.functionName(functionName));
    } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
      throw WorkflowException.userError("Function " + functionName + " does not exist on " + clients.target().describe()
          + ". Run mvn lambda-sdlc:init to create its stack, or set lambda-sdlc.functionName.", e);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + functionName);
    }
    return logGroup(c);
  }

  /** A function's log group: its LoggingConfig.LogGroup, else Lambda's default. */
  static String logGroup(GetFunctionConfigurationResponse c) {
    if (c.loggingConfig() != null && c.loggingConfig().logGroup() != null && !c.loggingConfig().logGroup().isBlank()) {
      return c.loggingConfig().logGroup();
    }
    return "/aws/lambda/" + c.functionName();
  }

  /** One line an event: {@code 2024-05-01T12:00:00.123Z [$LATEST]0f3c9a1b message}. */
  static String line(FilteredLogEvent e) {
    String message = e.message() == null ? "" : e.message();
    while (message.endsWith("\n") || message.endsWith("\r")) {
      message = message.substring(0, message.length() - 1);
    }
    return Instant.ofEpochMilli(e.timestamp()) + " " + shortStream(e.logStreamName()) + " " + message;
  }

  /** Lambda's {@code 2024/05/01/[$LATEST]<32 hex digits>} as {@code [$LATEST]} and the first 8 digits. */
  static String shortStream(String stream) {
    if (stream == null) {
      return "-";
    }
    Matcher m = LAMBDA_STREAM.matcher(stream);
    if (m.matches()) {
      String id = m.group(2);
      return m.group(1) + (id.length() > 8 ? id.substring(0, 8) : id);
    }
    return stream;
  }

  /** Polls from the newest timestamp seen, printing each event once. */
  private final class Poller {
    private final String group;
    private final Request request;
    /** Ids of the events printed at {@link #from}: the next poll starts there and returns them again. */
    private final Map<String, Long> seenAtNewest = new HashMap<>();
    private long from;
    private boolean groupMissing;

    Poller(String group, Request request) {
      this.group = group;
      this.request = request;
      this.from = request.since().toEpochMilli();
    }

    int poll() {
      int printed = 0;
      long newest = from;
      String token = null;
      try {
        do {
          FilterLogEventsRequest.Builder b = FilterLogEventsRequest.builder().logGroupName(group).startTime(from)
              .nextToken(token);
          if (request.filterPattern() != null && !request.filterPattern().isBlank()) {
            b.filterPattern(request.filterPattern());
          }
          FilterLogEventsResponse page = clients.logs().filterLogEvents(b.build());
          groupMissing = false;
          for (FilteredLogEvent e : page.events()) {
            if (seenAtNewest.containsKey(e.eventId())) {
              continue;
            }
            listener.info(line(e));
            printed++;
            seenAtNewest.put(e.eventId(), e.timestamp());
            newest = Math.max(newest, e.timestamp());
          }
          token = page.nextToken();
        } while (token != null);
      } catch (ResourceNotFoundException e) {
        groupMissing = true;
        return 0;
      } catch (AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if ("InvalidParameterException".equals(code)) {
          throw WorkflowException.userError("CloudWatch Logs refused to read log group " + group
              + (request.filterPattern() == null ? "" : " with the filter pattern '" + request.filterPattern()
              + "' (lambda-sdlc.filter)") + ": " + e.awsErrorDetails().errorMessage(), e);
        }
        throw SdkErrors.explain(e, clients.target(), "reading log group " + group);
      } catch (SdkException e) {
        throw SdkErrors.explain(e, clients.target(), "reading log group " + group);
      }
      long start = newest;
      from = start;
      // Only events at the new start time come back on the next poll: forget the older ones.
      seenAtNewest.values().removeIf(t -> t < start);
      return printed;
    }
  }
}
