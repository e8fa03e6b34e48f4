package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.LogTail;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.time.Duration;
import java.time.Instant;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Prints the function's recent log lines from CloudWatch Logs (its LoggingConfig.LogGroup, else
 * {@code /aws/lambda/<function>}), as {@code timestamp stream message}; with {@code follow}, keeps printing
 * new ones until Ctrl-C. For the command line: {@code mvn lambda-sdlc:logs -Dlambda-sdlc.since=1h}.
 */
@Mojo(name = "logs", threadSafe = true)
public class LogsMojo extends AbstractFunctionMojo {

  /**
   * How far back to start: an amount of time ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}) or an
   * ISO-8601 instant such as {@code 2024-05-01T12:00:00Z}.
   */
  @Parameter(property = "lambda-sdlc.since", defaultValue = "10m")
  private String since;

  /** Keeps polling for new log lines until Ctrl-C. */
  @Parameter(property = "lambda-sdlc.follow", defaultValue = "false")
  private boolean follow;

  /**
   * A CloudWatch Logs filter pattern: {@code ERROR}, {@code "exact phrase"}, {@code ?ERROR ?WARN},
   * {@code { $.level = "ERROR" }} for JSON logs. Unset: every line.
   */
  @Parameter(property = "lambda-sdlc.filter")
  private String filter;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.logs.skip", defaultValue = "false")
  private boolean skipLogs;

  private Instant start;

  @Override
  protected String goal() {
    return "logs";
  }

  @Override
  protected String skipReason() {
    return skipLogs ? "lambda-sdlc.logs.skip" : null;
  }

  @Override
  protected void checkSettings(WorkflowListener progress) {
    start = LogTail.since(since, Instant.now()); // a bad value is reported before any endpoint is reached
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    String name = functionName(clients, progress);
    LogTail.Request request = new LogTail.Request(name, start, blankToNull(filter));
    LogTail tail = new LogTail(clients, progress);
    if (follow) {
      Duration interval = clients.target().isAws() ? Duration.ofSeconds(2) : Duration.ofMillis(500);
      tail.follow(request, interval, () -> true); // Ctrl-C ends Maven, and with it the loop
    } else {
      tail.print(request);
    }
  }
}
