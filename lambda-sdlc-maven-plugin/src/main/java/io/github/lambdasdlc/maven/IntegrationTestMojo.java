package io.github.lambdasdlc.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.EventCase;
import io.github.lambdasdlc.workflow.EventCaseSuite;
import io.github.lambdasdlc.workflow.LambdaPrices;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Invokes the live function with each event case of {@code src/test/lambda-events/} and checks its answer,
 * after making sure the function runs this build's package. Writes a JUnit report under
 * {@code target/lambda-sdlc-reports/} and, like Failsafe, honours {@code skipTests}, {@code skipITs},
 * {@code maven.test.skip} and {@code maven.test.failure.ignore}.
 *
 * <p>An event case is one JSON file in {@code eventsDirectory}; the file name without {@code .json} names the
 * case. Every member is optional except {@code event}:
 *
 * <pre>
 * {
 *   "description": "words for the report",
 *   "qualifier": "a version or alias to invoke instead of $LATEST",
 *   "event": { "items": [ { "sku": "pen", "quantity": 3, "unitPrice": 1.50 } ] },
 *   "expect": {
 *     "response": { "total": 4.50 },
 *     "match": "subset"
 *   }
 * }
 * </pre>
 *
 * <ul>
 * <li>Without {@code expect}, the case passes when the function answers without an error.</li>
 * <li>{@code "match": "exact"} (the default) compares the whole JSON response; {@code "subset"} requires every
 * member given to be present with that value, recursively (arrays must have the same length; numbers compare
 * by value, so 4.5 matches 4.50).</li>
 * <li><code>"error": {"type": "java.lang.IllegalArgumentException", "message": "Unknown coupon"}</code> instead
 * of {@code response}: the function must fail with exactly that error type (the Java runtime reports the
 * exception's fully qualified class name) and a message that contains the text.</li>
 * </ul>
 *
 * <p>Each case prints one PASS or FAIL line with Lambda's REPORT figures. The run ends with what the
 * invocations would cost on Lambda: per case and for the suite, the billed duration (p50 and max), the memory
 * used against the configured size, and the price of a million such invocations at the function's memory size
 * and architecture (requests plus GB-seconds, at {@code requestPrice}, {@code x86GbSecondPrice} and
 * {@code arm64GbSecondPrice}); when far less memory is used than configured, what a smaller size would cost. A file that is not a valid case (bad
 * JSON, an unknown member) prints an ERROR line with the file, and the line and column of bad JSON; it counts as
 * an error and the other cases still run.
 */
@Mojo(name = "integration-test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class IntegrationTestMojo extends AbstractPackagingMojo {

  /** The directory of event cases: one JSON file each, with the event and the expected answer. */
  @Parameter(property = "lambda-sdlc.eventsDirectory", defaultValue = "${project.basedir}/src/test/lambda-events")
  private File eventsDirectory;

  /** Where the JUnit XML report goes. */
  @Parameter(property = "lambda-sdlc.reportsDirectory", defaultValue = "${project.build.directory}/lambda-sdlc-reports")
  private File reportsDirectory;

  /**
   * Pushes this build's package first when the live function runs other code. With {@code false}, that
   * fails the goal instead, so that a pipeline never tests code it did not deploy itself.
   */
  @Parameter(property = "lambda-sdlc.pushBeforeTest", defaultValue = "true")
  private boolean pushBeforeTest;

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

  /** Passes the build even when cases fail (they are still reported). Surefire's and Failsafe's property. */
  @Parameter(property = "maven.test.failure.ignore", defaultValue = "false")
  private boolean testFailureIgnore;

  /** Skips all tests, Surefire's and Failsafe's included (the standard property). */
  @Parameter(property = "skipTests", defaultValue = "false")
  private boolean skipTests;

  /** Skips integration tests, Failsafe's included (Failsafe's property). */
  @Parameter(property = "skipITs", defaultValue = "false")
  private boolean skipITs;

  /** Skips compiling and running tests (Maven's standard property). */
  @Parameter(property = "maven.test.skip", defaultValue = "false")
  private boolean mavenTestSkip;

  /** Skips this goal only. */
  @Parameter(property = "lambda-sdlc.integration-test.skip", defaultValue = "false")
  private boolean skipIntegrationTest;

  private static final ObjectMapper JSON = new ObjectMapper();

  private List<EventCase> cases;

  @Override
  protected String goal() {
    return "integration-test";
  }

  @Override
  protected String skipReason() {
    if (skipIntegrationTest) {
      return "lambda-sdlc.integration-test.skip";
    }
    if (skipITs) {
      return "skipITs";
    }
    if (skipTests) {
      return "skipTests";
    }
    return mavenTestSkip ? "maven.test.skip" : null;
  }

  @Override
  protected void checkSettings(WorkflowListener progress) {
    // Read (and check) the cases before anything else: a bad one fails before any endpoint is reached.
    cases = EventCaseSuite.load(eventsDirectory.toPath(), JSON, progress);
  }

  @Override
  protected boolean needsEndpoint() {
    return !cases.isEmpty(); // the load said there are none
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) throws MojoFailureException {
    DeploymentZip.Result zip = lambdaPackage(progress);
    String name = functionName(clients, progress);
    EventCaseSuite.Result result = new EventCaseSuite(clients, progress, JSON).run(new EventCaseSuite.Request(
        name, zip, pushBeforeTest, cases, reportsDirectory.toPath(), "lambda-sdlc." + stackName,
        LambdaPrices.of(requestPrice, x86GbSecondPrice, arm64GbSecondPrice)));
    progress.info(result.summary());
    if (result.failures() + result.errors() > 0) {
      String message = "There are failing event cases (" + result.summary() + "); see the lines above and "
          + result.report() + ".";
      if (testFailureIgnore) {
        progress.warn(message + " Ignored (maven.test.failure.ignore).");
      } else {
        throw new MojoFailureException(message);
      }
    }
  }
}
