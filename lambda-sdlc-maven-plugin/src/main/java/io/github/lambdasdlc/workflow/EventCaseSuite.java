package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@code integration-test} step as a whole: reads the event cases, makes sure the live function runs
 * this build's code (pushing it when allowed), runs the cases and writes their JUnit report.
 */
public final class EventCaseSuite {

  /**
   * What to test.
   *
   * @param zip this build's deployment package, which the live code must be
   * @param pushBeforeTest whether to push the package when the live code differs (else that is an error)
   * @param cases the cases, as {@link #load} read them
   * @param suiteName the report's suite name (its file is {@code TEST-<suiteName>.xml})
   * @param prices the prices of the cost summary that ends the run
   */
  public record Request(String functionName, DeploymentZip.Result zip, boolean pushBeforeTest, List<EventCase> cases,
      Path reportsDirectory, String suiteName, LambdaPrices prices) {

    /** A request priced at AWS's us-east-1 prices. */
    public Request(String functionName, DeploymentZip.Result zip, boolean pushBeforeTest, List<EventCase> cases,
        Path reportsDirectory, String suiteName) {
      this(functionName, zip, pushBeforeTest, cases, reportsDirectory, suiteName, LambdaPrices.AWS_US_EAST_1);
    }
  }

  /**
   * The cases' results, the report written (null when there were no cases) and the suite's cost figures
   * (null when no invocation had a REPORT line).
   */
  public record Result(List<EventCaseRun.CaseResult> results, Path report, CostEstimate.Figures cost) {
    public int tests() {
      return results.size();
    }

    public int failures() {
      return (int) results.stream().filter(r -> !r.passed() && !r.isError()).count();
    }

    /** The cases that could not run: case files that are not valid cases. */
    public int errors() {
      return (int) results.stream().filter(EventCaseRun.CaseResult::isError).count();
    }

    /** Surefire's summary line. */
    public String summary() {
      return String.format(Locale.ROOT, "Tests run: %d, Failures: %d, Errors: %d, Skipped: 0", tests(), failures(),
          errors());
    }
  }

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final ObjectMapper json;

  public EventCaseSuite(AwsClients clients, WorkflowListener listener, ObjectMapper json) {
    this.clients = clients;
    this.listener = listener;
    this.json = json;
  }

  /**
   * Reads the cases of a directory, saying so when there are none (a project without cases passes). A
   * malformed case file is a case that {@link #run} reports as an error.
   */
  public static List<EventCase> load(Path eventsDirectory, ObjectMapper json, WorkflowListener listener) {
    List<EventCase> cases = EventCase.load(eventsDirectory, json);
    if (cases.isEmpty()) {
      listener.info("No event cases in " + eventsDirectory + ": nothing to test. Add JSON files there (an event and"
          + " its expected answer each) to test the function.");
    }
    return cases;
  }

  /**
   * Runs the suite. A failing case is a result, not an exception.
   *
   * @throws WorkflowException when the live code is not this build's and may not be pushed
   */
  public Result run(Request request) {
    List<EventCase> cases = request.cases();
    if (cases.isEmpty()) {
      return new Result(List.of(), null, null);
    }
    GetFunctionConfigurationResponse live = ensureLiveCode(request);
    listener.info("Running " + cases.size() + " event case" + (cases.size() == 1 ? "" : "s") + " against function "
        + request.functionName() + " on " + clients.target().describe());
    List<EventCaseRun.CaseResult> results = new EventCaseRun(clients, listener, json).run(request.functionName(),
        live.timeout(), cases);
    Path report = JUnitReport.write(request.reportsDirectory(), request.suiteName(), results);
    listener.debug("Wrote " + report);
    CostEstimate.Figures cost = reportCost(results, live, request.prices());
    return new Result(results, report, cost);
  }

  /** The cost summary: a line per case that has a REPORT line, one for the suite, and advice on memory. */
  private CostEstimate.Figures reportCost(List<EventCaseRun.CaseResult> results, GetFunctionConfigurationResponse live,
      LambdaPrices prices) {
    List<EventCaseRun.CaseResult> reported = results.stream().filter(r -> r.report() != null).toList();
    CostEstimate estimate = new CostEstimate(prices, live.memorySize(),
        live.hasArchitectures() && !live.architectures().isEmpty() ? live.architecturesAsStrings().get(0) : null);
    CostEstimate.Figures suite = estimate.figures(reported.stream().map(EventCaseRun.CaseResult::report).toList());
    if (suite == null) {
      listener.info("Cost: no estimate, " + clients.target().describe() + " returned no REPORT line in the log tails.");
      return null;
    }
    listener.info(estimate.header("these invocations"));
    int width = reported.stream().mapToInt(r -> r.eventCase().name().length()).max().orElse(0);
    for (EventCaseRun.CaseResult r : reported) {
      listener.info(String.format(Locale.ROOT, "  %-" + width + "s  %s", r.eventCase().name(),
          CostEstimate.single(estimate.figures(List.of(r.report())))));
    }
    listener.info(String.format(Locale.ROOT, "  %-" + width + "s  %s", "suite", CostEstimate.group(suite)));
    String advice = estimate.advice(suite);
    if (advice != null) {
      listener.info(advice);
    }
    if (!clients.target().isAws()) {
      listener.info(CostEstimate.notAws(clients.target()));
    }
    if (clients.waitsForDebugger()) {
      listener.info("These durations include any time the function spent paused in a debugger (lambda-sdlc.debugPort).");
    }
    return suite;
  }

  /**
   * Tests must exercise this build: compare the live CodeSha256 with the package's, and push if allowed.
   * Returns the function's configuration: its Timeout bounds each invocation, its memory and architecture
   * price it.
   */
  private GetFunctionConfigurationResponse ensureLiveCode(Request request) {
    GetFunctionConfigurationResponse live;
    try {
      live = clients.lambda().getFunctionConfiguration(b -> b.functionName(request.functionName()));
    } catch (ResourceNotFoundException e) {
      throw WorkflowException.userError("Function " + request.functionName() + " does not exist on "
          + clients.target().describe() + ". Run mvn lambda-sdlc:init (the initialize phase) to create its stack.", e);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + request.functionName());
    }
    String wanted = request.zip().codeSha256();
    if (wanted.equals(live.codeSha256())) {
      listener.info("Function " + request.functionName() + " runs this build's code (CodeSha256 " + wanted + ").");
      return live;
    }
    if (!request.pushBeforeTest()) {
      throw WorkflowException.userError("Function " + request.functionName() + " does not run this build's code (live"
          + " CodeSha256 " + live.codeSha256() + ", this build's " + request.zip().file().getFileName() + " " + wanted
          + "), so the event cases would test other code, and lambda-sdlc.pushBeforeTest is false. Deploy it first"
          + " (mvn lambda-sdlc:deploy), or let integration-test push it with -Dlambda-sdlc.pushBeforeTest=true.");
    }
    listener.info("Function " + request.functionName() + " does not run this build's code yet; pushing it before"
        + " testing (lambda-sdlc.pushBeforeTest).");
    new CodePush(clients, listener).push(new CodePush.Request(request.functionName(), request.zip(), false, null));
    return live;
  }
}
