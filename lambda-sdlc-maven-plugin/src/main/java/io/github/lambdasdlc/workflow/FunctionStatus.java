package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackResourceSummary;
import software.amazon.awssdk.services.cloudformation.model.TemplateStage;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@code status} step: what runs in the stack, read only. It gathers the stack's status, newest event,
 * parameter values (NoEcho ones masked) and outputs; the function's configuration; whether its code is this
 * build's, the template's inline stub or something else; how the live configuration differs from the
 * template; and its versions and aliases, into a {@link Result} that {@link StatusReport} prints. It prints
 * nothing itself, so that what it found can be checked without reading lines.
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
   * What was found.
   *
   * @param stackName the stack asked about
   * @param target where the calls went, as {@link Target#describe()} says it
   * @param stack the stack, or null when it does not exist
   * @param requestedLogicalId the function's logical id the request chose, or null
   * @param missingFunction the function looked up and not found, or null
   * @param function the function, or null when there is none to report on ({@code missingFunction} says
   *     which was looked for; neither set: the stack has none, or does not exist)
   */
  public record Result(String stackName, String target, StackSummary stack, String requestedLogicalId,
      String missingFunction, FunctionSummary function) {

    /** The stack's status, or null when it does not exist. */
    public String stackStatus() {
      return stack == null ? null : stack.status();
    }

    /** The function reported on, or null when there is none. */
    public String functionName() {
      return function == null ? null : function.name();
    }

    /** The function's live configuration, or null. */
    public GetFunctionConfigurationResponse configuration() {
      return function == null ? null : function.configuration();
    }

    /** Where the function's code comes from, or null without a function. */
    public CodeOrigin code() {
      return function == null ? null : function.code().origin();
    }

    /** How the function differs from the template, or null when not compared. */
    public ConfigurationDrift.Result drift() {
      return function == null ? null : function.drift();
    }

    /** The function's published versions as {@code N (CodeSha256)}, oldest first. */
    public List<String> versions() {
      return function == null ? List.of() : function.versions();
    }

    /** The function's aliases and the versions they point at. */
    public Map<String, String> aliases() {
      return function == null ? Map.of() : function.aliases();
    }

    /** The stack's parameter values by key, in the stack's order (NoEcho ones as {@value #MASK}). */
    public Map<String, String> parameters() {
      Map<String, String> out = new LinkedHashMap<>();
      if (stack != null) {
        stack.parameters().forEach(p -> out.put(p.key(), p.value()));
      }
      return out;
    }

    /** The stack's output values by key, in the stack's order. */
    public Map<String, String> outputs() {
      Map<String, String> out = new LinkedHashMap<>();
      if (stack != null) {
        stack.outputs().forEach(o -> out.put(o.key(), o.value()));
      }
      return out;
    }
  }

  /**
   * The stack as found.
   *
   * @param lastEvent its newest event, or null
   * @param functions the logical ids of its functions that exist
   * @param templateProblem why its template could not be read (then drift is not checked and every
   *     parameter is masked), or null
   */
  public record StackSummary(String name, String id, String status, String reason, Event lastEvent,
      List<ParameterValue> parameters, List<OutputValue> outputs, List<String> functions, String templateProblem) {
  }

  /** A stack event. */
  public record Event(Instant time, String logicalId, String type, String status, String reason) {
  }

  /**
   * A parameter's value as shown: {@value #MASK} when masked.
   *
   * @param resolved the value an SSM parameter type resolved to, or null
   */
  public record ParameterValue(String key, String value, String resolved, boolean masked) {
  }

  /** An output of the stack; {@code exportName} is null when it is not exported. */
  public record OutputValue(String key, String value, String exportName) {
  }

  /**
   * The function as found.
   *
   * @param logicalId its logical id in the stack, or null when it is not the stack's
   * @param drift how it differs from the template, or null when not compared
   * @param versions its published versions as {@code N (CodeSha256)}
   */
  public record FunctionSummary(String name, String logicalId, GetFunctionConfigurationResponse configuration,
      Code code, ConfigurationDrift.Result drift, List<String> versions, Map<String, String> aliases,
      FunctionUrls urls) {
  }

  /**
   * The function's URLs, or why they could not be read.
   *
   * @param urls each URL with the qualified function name it serves and its AuthType
   * @param unreadable the reason the URLs could not be listed (a reader may lack lambda:ListFunctionUrlConfigs),
   *     or null
   */
  public record FunctionUrls(List<FunctionUrl> urls, String unreadable) {
  }

  /** One function URL: the address, the (qualified) function it serves, and its AuthType. */
  public record FunctionUrl(String url, String function, String authType) {
  }

  /**
   * Where the live code comes from.
   *
   * @param buildSha256 this build's CodeSha256, or null without a build
   * @param byRuntimeAndHandler whether the template's inline code was recognised by the template's runtime and
   *     handler (on endpoints that zip it their own way) rather than by its exact CodeSha256
   */
  public record Code(CodeOrigin origin, String liveSha256, String buildSha256, boolean byRuntimeAndHandler) {
  }

  /** How CloudFormation shows the value of a NoEcho parameter. */
  public static final String MASK = "****";

  private final AwsClients clients;

  public FunctionStatus(AwsClients clients) {
    this.clients = clients;
  }

  /** Reads what the request asks about, changing nothing. */
  public Result gather(Request request) {
    String target = clients.target().describe();
    Optional<Stack> found = StackLookup.describe(clients, request.stackName());
    if (found.isEmpty() && request.functionName() == null) {
      return new Result(request.stackName(), target, null, request.functionLogicalId(), null, null);
    }
    StackSummary summary = null;
    TemplateDocument template = null;
    String logicalId = null;
    String functionName = request.functionName();
    if (found.isPresent()) {
      Stack stack = found.get();
      String[] problem = new String[1];
      template = template(stack, problem);
      List<StackResourceSummary> functions = StackFunction.functionResources(clients, stack.stackId());
      summary = new StackSummary(stack.stackName(), stack.stackId(), stack.stackStatusAsString(),
          blankToNull(stack.stackStatusReason()), lastEvent(stack), parameters(stack, template), outputs(stack),
          functions.stream().map(StackResourceSummary::logicalResourceId).toList(), problem[0]);
      Optional<StackResourceSummary> chosen = StackFunction.choose(stack.stackName(), functions,
          request.functionLogicalId(), request.functionName());
      if (chosen.isPresent()) {
        logicalId = chosen.get().logicalResourceId();
        functionName = functionName == null ? chosen.get().physicalResourceId() : functionName;
      } else if (functionName == null) {
        return new Result(request.stackName(), target, summary, request.functionLogicalId(), null, null);
      }
    }
    GetFunctionConfigurationResponse live;
    try {
      String name = functionName;
      live = clients.lambda().getFunctionConfiguration(b -> b.functionName(name));
    } catch (ResourceNotFoundException e) {
      return new Result(request.stackName(), target, summary, request.functionLogicalId(), functionName, null);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading function " + functionName);
    }
    JsonNode declared = template != null && logicalId != null ? template.resourceProperties(logicalId) : null;
    ConfigurationDrift.Result drift = declared == null ? null : drift(found.get(), live, declared);
    FunctionSummary function = new FunctionSummary(live.functionName(), logicalId, live, code(live, declared, request),
        drift, versions(live.functionName()), aliases(live.functionName()),
        functionUrls(live.functionName()));
    return new Result(request.stackName(), target, summary, request.functionLogicalId(), null, function);
  }

  private Event lastEvent(Stack stack) {
    try {
      List<StackEvent> events = clients.cloudFormation().describeStackEvents(b -> b.stackName(stack.stackId()))
          .stackEvents();
      if (events.isEmpty()) {
        return null;
      }
      StackEvent e = events.get(0);
      return new Event(e.timestamp(), e.logicalResourceId(), e.resourceType(), e.resourceStatusAsString(),
          blankToNull(e.resourceStatusReason()));
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "reading the events of stack " + stack.stackName());
    }
  }

  /**
   * The stack's parameter values, NoEcho ones masked: CloudFormation masks them itself, and so does this
   * report whatever the endpoint answers, since the template says which parameters are NoEcho.
   */
  private static List<ParameterValue> parameters(Stack stack, TemplateDocument template) {
    List<ParameterValue> values = new ArrayList<>();
    for (software.amazon.awssdk.services.cloudformation.model.Parameter p : stack.parameters()) {
      // Without the template there is no telling which parameters are NoEcho: mask them all.
      boolean noEcho = template == null || isNoEcho(template.root().path("Parameters").path(p.parameterKey()));
      String value = noEcho ? MASK : p.parameterValue() == null ? "" : p.parameterValue();
      String resolved = noEcho || p.resolvedValue() == null || p.resolvedValue().equals(value) ? null
          : p.resolvedValue();
      values.add(new ParameterValue(p.parameterKey(), value, resolved, noEcho));
    }
    return values;
  }

  private static boolean isNoEcho(JsonNode declaration) {
    JsonNode noEcho = declaration.path("NoEcho");
    return noEcho.asBoolean(false) || noEcho.asText("").equalsIgnoreCase("true");
  }

  private static List<OutputValue> outputs(Stack stack) {
    return stack.outputs().stream().map(o -> new OutputValue(o.outputKey(), o.outputValue() == null ? ""
        : o.outputValue(), blankToNull(o.exportName()))).toList();
  }

  /** The stack's template as deployed, or null when it cannot be read (then {@code problem[0]} says why). */
  private TemplateDocument template(Stack stack, String[] problem) {
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
      problem[0] = e.getMessage();
      return null;
    }
  }

  private static Code code(GetFunctionConfigurationResponse live, JsonNode declared, Request request) {
    DeploymentZip.Result build = request.build();
    String sha = live.codeSha256();
    String buildSha = build == null ? null : build.codeSha256();
    if (sha.equals(buildSha)) {
      return new Code(CodeOrigin.THIS_BUILD, sha, buildSha, false);
    }
    Optional<String> inline = declared == null ? Optional.empty() : InlineCode.localCodeSha256(declared);
    if (inline.isPresent() && inline.get().equals(sha)) {
      return new Code(CodeOrigin.TEMPLATE_INLINE, sha, buildSha, false);
    }
    if (!request.embeddedCloud() && declared != null
        && InlineCode.matchesTemplate(declared, live.runtimeAsString(), live.handler())) {
      // AWS and other emulators zip inline code their own way, so only its runtime and handler give it away.
      return new Code(CodeOrigin.TEMPLATE_INLINE, sha, buildSha, true);
    }
    return new Code(build == null ? CodeOrigin.UNKNOWN : CodeOrigin.OTHER, sha, buildSha, false);
  }

  private ConfigurationDrift.Result drift(Stack stack, GetFunctionConfigurationResponse live, JsonNode declared) {
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
    return new ConfigurationDrift(parameters, pseudo).compare(declared, live);
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
  private FunctionUrls functionUrls(String functionName) {
    try {
      return new FunctionUrls(clients.lambda().listFunctionUrlConfigsPaginator(b -> b.functionName(functionName))
          .functionUrlConfigs().stream()
          .map(u -> new FunctionUrl(u.functionUrl(), u.functionArn().substring(
              u.functionArn().indexOf(":function:") + ":function:".length()), u.authTypeAsString()))
          .toList(), null);
    } catch (SdkException e) {
      // Reading URLs needs lambda:ListFunctionUrlConfigs, which a status reader may lack: the rest still stands.
      return new FunctionUrls(List.of(), e.getMessage());
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

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
