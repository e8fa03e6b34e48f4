package io.github.lambdasdlc.workflow;

import io.github.lambdasdlc.workflow.FunctionStatus.CodeOrigin;
import io.github.lambdasdlc.workflow.FunctionStatus.FunctionSummary;
import io.github.lambdasdlc.workflow.FunctionStatus.StackSummary;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Prints what {@link FunctionStatus} found, one fact a line, in the order a person reads a stack: the stack,
 * its parameters and outputs, the function's configuration, its code, its drift, its versions and aliases.
 * Environment variables by name only: their values may be secrets.
 */
public final class StatusReport {
  private static final String CODE = "  Code           ";

  private final WorkflowListener listener;

  public StatusReport(WorkflowListener listener) {
    this.listener = listener;
  }

  /** Prints the result and returns it. */
  public FunctionStatus.Result print(FunctionStatus.Result r) {
    StackSummary stack = r.stack();
    if (stack == null) {
      listener.info("Stack " + r.stackName() + ": does not exist on " + r.target()
          + ". Create it with mvn lambda-sdlc:init.");
    } else {
      printStack(stack, r.target());
    }
    FunctionSummary function = r.function();
    if (function == null) {
      if (r.missingFunction() != null) {
        listener.info("Function " + r.missingFunction() + ": does not exist on " + r.target() + ".");
      } else if (stack != null) {
        listener.info("Function: the stack has none" + (stack.functions().isEmpty() ? "" : " with logical id "
            + r.requestedLogicalId()) + ".");
      }
      return r;
    }
    printConfiguration(function.configuration(), function.logicalId());
    printCode(function);
    if (function.drift() != null) {
      printDrift(function.drift());
    } else if (stack != null) {
      listener.info("Drift: not checked; function " + function.name() + " is not a resource of stack "
          + r.stackName() + ".");
    }
    listener.info("Versions: " + (function.versions().isEmpty() ? "none published (only $LATEST)"
        : String.join(", ", function.versions())));
    listener.info("Aliases: " + (function.aliases().isEmpty() ? "none" : function.aliases().entrySet().stream()
        .map(e -> e.getKey() + " -> " + e.getValue()).collect(Collectors.joining(", "))));
    printFunctionUrls(function.urls());
    return r;
  }

  private void printStack(StackSummary stack, String target) {
    listener.info("Stack " + stack.name() + " on " + target + ": " + stack.status()
        + (stack.reason() == null ? "" : " (" + stack.reason() + ")"));
    FunctionStatus.Event e = stack.lastEvent();
    if (e != null) {
      listener.info("  Last event     " + e.time() + " " + e.logicalId() + " (" + e.type() + ") " + e.status()
          + (e.reason() == null ? "" : ": " + e.reason()));
    }
    if (stack.templateProblem() != null) {
      listener.warn("The template of stack " + stack.name() + " cannot be read (" + stack.templateProblem()
          + "), so drift is not checked and parameter values are not shown.");
    }
    for (FunctionStatus.ParameterValue p : stack.parameters()) {
      listener.info("  Parameter      " + p.key() + " = " + p.value()
          + (p.resolved() == null ? "" : " (resolved: " + p.resolved() + ")"));
    }
    if (stack.parameters().isEmpty()) {
      listener.info("  Parameters     none");
    }
    for (FunctionStatus.OutputValue o : stack.outputs()) {
      listener.info("  Output         " + o.key() + " = " + o.value()
          + (o.exportName() == null ? "" : " (export " + o.exportName() + ")"));
    }
    if (stack.outputs().isEmpty()) {
      listener.info("  Outputs        none");
    }
  }

  private void printConfiguration(GetFunctionConfigurationResponse c, String logicalId) {
    listener.info("Function " + c.functionName() + (logicalId == null ? "" : " (" + logicalId + ")") + ": "
        + c.functionArn());
    listener.info("  Runtime        " + c.runtimeAsString());
    listener.info("  Handler        " + c.handler());
    listener.info("  Memory         " + c.memorySize() + " MB");
    listener.info("  Timeout        " + c.timeout() + " s");
    listener.info("  State          " + c.stateAsString()
        + (c.stateReason() == null ? "" : " (" + c.stateReason() + ")")
        + ", LastUpdateStatus " + c.lastUpdateStatusAsString()
        + (c.lastUpdateStatusReason() == null ? "" : " (" + c.lastUpdateStatusReason() + ")"));
    listener.info("  Last modified  " + c.lastModified());
    Map<String, String> env = c.environment() == null || c.environment().variables() == null ? Map.of()
        : c.environment().variables();
    // Names only: values may be secrets.
    listener.info("  Environment    " + (env.isEmpty() ? "none" : String.join(", ", new TreeSet<>(env.keySet()))
        + " (values not shown)"));
    if (c.loggingConfig() != null && c.loggingConfig().logGroup() != null) {
      listener.info("  Log group      " + c.loggingConfig().logGroup());
    }
  }

  private void printCode(FunctionSummary function) {
    FunctionStatus.Code code = function.code();
    GetFunctionConfigurationResponse live = function.configuration();
    String sha = code.liveSha256();
    CodeOrigin origin = code.origin();
    if (origin == CodeOrigin.THIS_BUILD) {
      listener.info(CODE + "this build (CodeSha256 " + sha + ")");
    } else if (origin == CodeOrigin.TEMPLATE_INLINE && code.byRuntimeAndHandler()) {
      listener.info(CODE + "the template's inline code (" + live.runtimeAsString() + ", " + live.handler()
          + "; CodeSha256 " + sha + "); run prepare and deploy to install this build");
    } else if (origin == CodeOrigin.TEMPLATE_INLINE) {
      listener.info(CODE + "the template's inline code, the " + live.runtimeAsString() + " stub (CodeSha256 " + sha
          + "); run prepare and deploy to install this build");
    } else if (origin == CodeOrigin.UNKNOWN) {
      listener.info(CODE + "unknown: no build output to compare with (live CodeSha256 " + sha + ")");
    } else {
      listener.info(CODE + "something else: live CodeSha256 " + sha + ", this build's " + code.buildSha256()
          + "; run deploy to install this build");
    }
  }

  private void printDrift(ConfigurationDrift.Result drift) {
    if (drift.findings().isEmpty()) {
      listener.info("Drift: none; the live configuration matches the template.");
    } else if (drift.drift().isEmpty()) {
      listener.info("Drift: none beyond what prepare changes on purpose:");
    } else {
      listener.info("Drift between the template and the live function:");
    }
    for (ConfigurationDrift.Finding f : drift.expected()) {
      listener.info("  " + f);
    }
    for (ConfigurationDrift.Finding f : drift.drift()) {
      listener.warn("  " + f);
    }
    if (!drift.notCompared().isEmpty()) {
      listener.info("  Not compared: " + String.join(", ", drift.notCompared()));
    }
  }

  private void printFunctionUrls(FunctionStatus.FunctionUrls urls) {
    if (urls.unreadable() != null) {
      listener.info("Function URLs: not readable (" + urls.unreadable() + ")");
    } else if (urls.urls().isEmpty()) {
      listener.info("Function URLs: none");
    }
    for (FunctionStatus.FunctionUrl url : urls.urls()) {
      listener.info("Function URL: " + url.url() + " (" + url.function() + ", AuthType " + url.authType() + ")");
    }
  }
}
