package io.github.lambdasdlc.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@code status} step: what runs in the stack, read only. It reports the stack's status, newest
 * event, parameter values (NoEcho ones masked) and outputs; the function's configuration; whether its code
 * is this build's, the template's inline stub or something else; how the live configuration differs from
 * the template; and its versions and aliases.
 * Environment variables are reported by name only.
 */
public final class FunctionStatus {

  /**
   * What to report on.
   *
   * @param functionName the function to report on, or null for the stack's function
   * @param functionLogicalId the stack's function to choose when it has several, or null
   * @param build this build's deployment package, or null when the project has no build output
   * @param embeddedCloud whether the target is lambda-sdlc's own local cloud, which zips inline code the
   *     same way every time, so that only the exact CodeSha256 of the template's inline code counts as it;
   *     any other endpoint (AWS, LocalStack, other emulators) zips it its own way, so there the template's
   *     runtime and handler give the inline code away
   */
  public record Request(String stackName, String functionName, String functionLogicalId, DeploymentZip.Result build,
      boolean embeddedCloud) {

    /** A request for an endpoint other than the embedded local cloud. */
    public Request(String stackName, String functionName, String functionLogicalId, DeploymentZip.Result build) {
      this(stackName, functionName, functionLogicalId, build, false);
    }
  }

  /** Where the live code comes from. */
  public enum CodeOrigin {
    /** This build's package. */
    THIS_BUILD,
    /** The template's inline code (the Python stub of the built-in template). */
    TEMPLATE_INLINE,
    /** Neither: another build, or code put there by hand. */
    OTHER,
    /** Not this build's inline stub, and there is no build output to compare with. */
    UNKNOWN
  }

  /**
   * What was found. {@code stackStatus} is null when the stack does not exist; {@code functionName} is null
   * when there is no function to report on (and then the other members are null or empty).
   * {@code parameters} are the stack's parameter values as reported (NoEcho ones as {@value #MASK}), and
   * {@code outputs} its output values, both by key in the stack's order.
   */
  public record Result(String stackStatus, String functionName, GetFunctionConfigurationResponse configuration,
      CodeOrigin code, ConfigurationDrift.Result drift, List<String> versions, Map<String, String> aliases,
      Map<String, String> parameters, Map<String, String> outputs) {
  }

  /** How CloudFormation shows the value of a NoEcho parameter. */
  public static final String MASK = "****";

  private final AwsClients clients;
  private final WorkflowListener listener;

  public FunctionStatus(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  public Result report(Request request) {
    Optional<Stack> stack = StackLookup.describe(clients, request.stackName());
    Map<String, String> parameters = Map.of();
    Map<String, String> outputs = Map.of();
    TemplateDocument template = null;
    if (stack.isEmpty()) {
      listener.info("Stack " + request.stackName() + ": does not exist on " + clients.target().describe()
          + ". Create it with mvn lambda-sdlc:init.");
      if (request.functionName() == null) {
        return new Result(null, null, null, null, null, List.of(), Map.of(), parameters, outputs);
      }
    } else {
      reportStack(stack.get());
      template = template(stack.get());
      parameters = reportParameters(stack.get(), template);
      outputs = reportOutputs(stack.get());
    }
    String logicalId = null;
    String functionName = request.functionName();
    if (stack.isPresent()) {
      List<StackResourceSummary> functions = StackFunction.functionResources(clients, stack.get().stackId());
      Optional<StackResourceSummary> chosen = choose(stack.get(), functions, request);
      if (chosen.isPresent()) {
        logicalId = chosen.get().logicalResourceId();
        functionName = functionName == null ? chosen.get().physicalResourceId() : functionName;
      } else if (functionName == null) {
        listener.info("Function: the stack has none" + (functions.isEmpty() ? "" : " with logical id "
            + request.functionLogicalId()) + ".");
        return new Result(stack.get().stackStatusAsString(), null, null, null, null, List.of(), Map.of(), parameters,
            outputs);
      }
    }
    GetFunctionConfigurationResponse live;
    try {
      String name = functionName;
      live = clients.lambda().getFunctionConfiguration(b -> b.functionName(name));
    } catch (ResourceNotFoundException e) {
      listener.info("Function " + functionName + ": does not exist on " + clients.target().describe() + ".");
      return new Result(stack.map(Stack::stackStatusAsString).orElse(null), null, null, null, null, List.of(), Map.of(),
          parameters, outputs);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + functionName);
    }
    reportConfiguration(live, logicalId);

    com.fasterxml.jackson.databind.JsonNode declared = null;
    if (template != null && logicalId != null) {
      declared = template.resourceProperties(logicalId);
    }
    CodeOrigin code = reportCode(live, declared, request);
    ConfigurationDrift.Result drift = null;
    if (declared != null) {
      drift = reportDrift(stack.get(), live, declared);
    } else if (stack.isPresent()) {
      listener.info("Drift: not checked; function " + functionName + " is not a resource of stack "
          + request.stackName() + ".");
    }
    List<String> versions = versions(live.functionName());
    Map<String, String> aliases = aliases(live.functionName());
    listener.info("Versions: " + (versions.isEmpty() ? "none published (only $LATEST)" : String.join(", ", versions)));
    listener.info("Aliases: " + (aliases.isEmpty() ? "none" : aliases.entrySet().stream()
        .map(e -> e.getKey() + " -> " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("")));
    reportFunctionUrls(live.functionName());
    return new Result(stack.map(Stack::stackStatusAsString).orElse(null), live.functionName(), live, code, drift,
        versions, aliases, parameters, outputs);
  }


  private void reportStack(Stack stack) {
    String reason = stack.stackStatusReason();
    listener.info("Stack " + stack.stackName() + " on " + clients.target().describe() + ": "
        + stack.stackStatusAsString() + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"));
    try {
      List<StackEvent> events = clients.cloudFormation().describeStackEvents(b -> b.stackName(stack.stackId())).stackEvents();
      if (!events.isEmpty()) {
        StackEvent e = events.get(0);
        String why = e.resourceStatusReason();
        listener.info("  Last event     " + e.timestamp() + " " + e.logicalResourceId() + " (" + e.resourceType() + ") "
            + e.resourceStatusAsString() + (why == null || why.isBlank() ? "" : ": " + why));
      }
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading the events of stack " + stack.stackName());
    }
  }

  private Optional<StackResourceSummary> choose(Stack stack, List<StackResourceSummary> functions, Request request) {
    if (request.functionLogicalId() != null) {
      return functions.stream().filter(f -> f.logicalResourceId().equals(request.functionLogicalId())).findFirst();
    }
    if (request.functionName() != null) {
      return functions.stream().filter(f -> f.physicalResourceId().equals(request.functionName())
          || request.functionName().endsWith(":function:" + f.physicalResourceId())).findFirst();
    }
    if (functions.size() > 1) {
      throw WorkflowException.userError("Stack " + stack.stackName() + " has several functions ("
          + String.join(", ", functions.stream().map(StackResourceSummary::logicalResourceId).toList())
          + "). Choose one with -Dlambda-sdlc.functionLogicalId=ID (or <functionLogicalId>).");
    }
    return functions.stream().findFirst();
  }

  private void reportConfiguration(GetFunctionConfigurationResponse c, String logicalId) {
    listener.info("Function " + c.functionName() + (logicalId == null ? "" : " (" + logicalId + ")") + ": "
        + c.functionArn());
    listener.info("  Runtime        " + c.runtimeAsString());
    listener.info("  Handler        " + c.handler());
    listener.info("  Memory         " + c.memorySize() + " MB");
    listener.info("  Timeout        " + c.timeout() + " s");
    String state = "  State          " + c.stateAsString()
        + (c.stateReason() == null ? "" : " (" + c.stateReason() + ")")
        + ", LastUpdateStatus " + c.lastUpdateStatusAsString()
        + (c.lastUpdateStatusReason() == null ? "" : " (" + c.lastUpdateStatusReason() + ")");
    listener.info(state);
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

  /**
   * The stack's parameter values, NoEcho ones masked: CloudFormation masks them itself, and so does this
   * report whatever the endpoint answers, since the template says which parameters are NoEcho.
   */
  private Map<String, String> reportParameters(Stack stack, TemplateDocument template) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Parameter p : stack.parameters()) {
      // Without the template there is no telling which parameters are NoEcho: mask them all.
      boolean noEcho = template == null || isNoEcho(template.root().path("Parameters").path(p.parameterKey()));
      String value = noEcho ? MASK : p.parameterValue() == null ? "" : p.parameterValue();
      values.put(p.parameterKey(), value);
      String resolved = p.resolvedValue();
      listener.info("  Parameter      " + p.parameterKey() + " = " + value
          + (noEcho || resolved == null || resolved.equals(value) ? "" : " (resolved: " + resolved + ")"));
    }
    if (values.isEmpty()) {
      listener.info("  Parameters     none");
    }
    return values;
  }

  private static boolean isNoEcho(com.fasterxml.jackson.databind.JsonNode declaration) {
    com.fasterxml.jackson.databind.JsonNode noEcho = declaration.path("NoEcho");
    return noEcho.asBoolean(false) || noEcho.asText("").equalsIgnoreCase("true");
  }

  private Map<String, String> reportOutputs(Stack stack) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Output o : stack.outputs()) {
      String value = o.outputValue() == null ? "" : o.outputValue();
      values.put(o.outputKey(), value);
      listener.info("  Output         " + o.outputKey() + " = " + value
          + (o.exportName() == null || o.exportName().isBlank() ? "" : " (export " + o.exportName() + ")"));
    }
    if (values.isEmpty()) {
      listener.info("  Outputs        none");
    }
    return values;
  }

  /** The stack's template as deployed, or null when it cannot be read (then drift is not checked). */
  private TemplateDocument template(Stack stack) {
    String body;
    try {
      body = clients.cloudFormation().getTemplate(b -> b.stackName(stack.stackId())
          .templateStage(TemplateStage.ORIGINAL)).templateBody();
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading the template of stack " + stack.stackName());
    }
    try {
      return TemplateDocument.parse(body);
    } catch (IllegalArgumentException e) {
      listener.warn("The template of stack " + stack.stackName() + " cannot be read (" + e.getMessage()
          + "), so drift is not checked and parameter values are not shown.");
      return null;
    }
  }

  private CodeOrigin reportCode(GetFunctionConfigurationResponse live, com.fasterxml.jackson.databind.JsonNode declared,
      Request request) {
    DeploymentZip.Result build = request.build();
    String sha = live.codeSha256();
    String prefix = "  Code           ";
    if (build != null && build.codeSha256().equals(sha)) {
      listener.info(prefix + "this build (CodeSha256 " + sha + ")");
      return CodeOrigin.THIS_BUILD;
    }
    Optional<String> inline = declared == null ? Optional.empty() : InlineCode.localCodeSha256(declared);
    if (inline.isPresent() && inline.get().equals(sha)) {
      listener.info(prefix + "the template's inline code, the " + live.runtimeAsString() + " stub (CodeSha256 " + sha
          + "); run prepare and deploy to install this build");
      return CodeOrigin.TEMPLATE_INLINE;
    }
    if (!request.embeddedCloud() && declared != null
        && InlineCode.matchesTemplate(declared, live.runtimeAsString(), live.handler())) {
      // AWS and other emulators zip inline code their own way, so only its runtime and handler give it away.
      listener.info(prefix + "the template's inline code (" + live.runtimeAsString() + ", " + live.handler()
          + "; CodeSha256 " + sha + "); run prepare and deploy to install this build");
      return CodeOrigin.TEMPLATE_INLINE;
    }
    if (build == null) {
      listener.info(prefix + "unknown: no build output to compare with (live CodeSha256 " + sha + ")");
      return CodeOrigin.UNKNOWN;
    }
    listener.info(prefix + "something else: live CodeSha256 " + sha + ", this build's " + build.codeSha256()
        + "; run deploy to install this build");
    return CodeOrigin.OTHER;
  }

  private ConfigurationDrift.Result reportDrift(Stack stack, GetFunctionConfigurationResponse live,
      com.fasterxml.jackson.databind.JsonNode declared) {
    Map<String, String> parameters = new LinkedHashMap<>();
    stack.parameters().forEach(p -> parameters.put(p.parameterKey(),
        p.resolvedValue() != null ? p.resolvedValue() : p.parameterValue()));
    Map<String, String> pseudo = new LinkedHashMap<>();
    pseudo.put("AWS::StackName", stack.stackName());
    pseudo.put("AWS::StackId", stack.stackId());
    pseudo.put("AWS::Region", clients.region().id());
    String[] arn = live.functionArn().split(":");
    if (arn.length > 4) {
      pseudo.put("AWS::Partition", arn[1]);
      pseudo.put("AWS::AccountId", arn[4]);
    }
    ConfigurationDrift.Result drift = new ConfigurationDrift(parameters, pseudo).compare(declared, live);
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
    return drift;
  }

  private List<String> versions(String functionName) {
    try {
      List<String> out = new ArrayList<>();
      for (FunctionConfiguration v : clients.lambda().listVersionsByFunctionPaginator(b -> b.functionName(functionName))
          .versions()) {
        if (!"$LATEST".equals(v.version())) {
          out.add(v.version() + " (" + v.codeSha256() + ")");
        }
      }
      return out;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "listing the versions of function " + functionName);
    }
  }

  /** The function's URLs (its own and its aliases'), each on a line, with its auth type. */
  private void reportFunctionUrls(String functionName) {
    List<FunctionUrlConfig> urls;
    try {
      urls = clients.lambda().listFunctionUrlConfigsPaginator(b -> b.functionName(functionName)).functionUrlConfigs()
          .stream().toList();
    } catch (SdkException e) {
      // Reading URLs needs lambda:ListFunctionUrlConfigs, which a status reader may lack: the rest still stands.
      listener.info("Function URLs: not readable (" + e.getMessage() + ")");
      return;
    }
    if (urls.isEmpty()) {
      listener.info("Function URLs: none");
    }
    for (FunctionUrlConfig url : urls) {
      listener.info("Function URL: " + url.functionUrl() + " (" + url.functionArn().substring(
          url.functionArn().indexOf(":function:") + ":function:".length()) + ", AuthType " + url.authTypeAsString() + ")");
    }
  }

  private Map<String, String> aliases(String functionName) {
    try {
      Map<String, String> out = new LinkedHashMap<>();
      for (AliasConfiguration a : clients.lambda().listAliasesPaginator(b -> b.functionName(functionName)).aliases()) {
        out.put(a.name(), a.functionVersion());
      }
      return out;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "listing the aliases of function " + functionName);
    }
  }
}
