package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.FunctionStatus;
import io.github.lambdasdlc.workflow.LambdaPrices;
import io.github.lambdasdlc.workflow.RecentInvocations;
import io.github.lambdasdlc.workflow.StatusReport;
import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Reports what runs in the stack, changing nothing: the stack's status, newest event, parameter values
 * (NoEcho ones masked as {@code ****}) and outputs; the function's
 * runtime, handler, memory, timeout, state and last modification; whether its code is this build's (the
 * package deploy would push, built the same way but not uploaded), the template's inline stub or something
 * else; how its configuration differs from the template; its published versions and aliases; what its last
 * invocations in the logs (REPORT lines of the last day, at most 100) would cost, as integration-test's cost
 * summary says it. Environment
 * variables are listed by name only. For the command line: {@code mvn lambda-sdlc:status}.
 */
@Mojo(name = "status", threadSafe = true, requiresDependencyResolution = ResolutionScope.RUNTIME)
public class StatusMojo extends AbstractPackagingMojo {

  /**
   * The price of a million requests, in US dollars, for the cost summary. The default is AWS's us-east-1 price
   * (checked 2026-11-29); set your region's, or your negotiated one.
   */
  @Parameter(property = "lambda-sdlc.requestPrice", defaultValue = LambdaPrices.DEFAULT_REQUESTS_PER_MILLION)
  private double requestPrice;

  /**
   * The price of a GB-second of billed duration on x86_64, in US dollars, for the cost summary. The default is
   * AWS's us-east-1 price of the first tier (checked 2026-11-29).
   */
  @Parameter(property = "lambda-sdlc.x86GbSecondPrice", defaultValue = LambdaPrices.DEFAULT_X86_GB_SECOND)
  private double x86GbSecondPrice;

  /**
   * The price of a GB-second of billed duration on arm64, in US dollars, for the cost summary. The default is
   * AWS's us-east-1 price of the first tier (checked 2026-11-29).
   */
  @Parameter(property = "lambda-sdlc.arm64GbSecondPrice", defaultValue = LambdaPrices.DEFAULT_ARM64_GB_SECOND)
  private double arm64GbSecondPrice;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.status.skip", defaultValue = "false")
  private boolean skipStatus;

  @Override
  protected String goal() {
    return "status";
  }

  @Override
  protected String skipReason() {
    return skipStatus ? "lambda-sdlc.status.skip" : null;
  }

  /** Whether the goals work on lambda-sdlc's own local cloud, whose inline code has an exact CodeSha256. */
  private boolean onEmbeddedCloud() {
    return endpoint != null && endpoint.trim().equalsIgnoreCase("local");
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    // A stack that does not exist, or has no function, is reported, not a failure: the workflow looks it up.
    String name = namedFunction(progress);
    Path zip = null;
    try {
      zip = Files.createTempFile("lambda-sdlc-status-", ".zip");
      DeploymentZip.Result build = lambdaPackageForComparison(zip);
      FunctionStatus.Result status = new FunctionStatus(clients).gather(new FunctionStatus.Request(stackName, name,
          blankToNull(functionLogicalId), build, onEmbeddedCloud()));
      new StatusReport(progress).print(status);
      if (status.configuration() != null) {
        new RecentInvocations(clients, progress).report(status.configuration(),
            LambdaPrices.of(requestPrice, x86GbSecondPrice, arm64GbSecondPrice), Instant.now());
      }
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot create a temporary file for this build's package: " + e.getMessage(), e);
    } finally {
      if (zip != null) {
        try {
          Files.deleteIfExists(zip);
        } catch (IOException e) {
          // A temporary file left behind is harmless.
        }
      }
    }
  }
}
