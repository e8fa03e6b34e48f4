package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.cfn.IntrinsicFunctions;
import io.github.lambdasdlc.cfn.TemplateException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Compares the properties a template declares for a function with its live configuration. Values are
 * resolved by CloudFormation's intrinsic functions ({@link IntrinsicFunctions}, those of the local cloud) where
 * that is possible without CloudFormation ({@code Ref} to a parameter or pseudo parameter, {@code Fn::Sub},
 * {@code Fn::Join}, ... over those); anything else (a {@code Fn::GetAtt}, a condition) is listed as not
 * compared rather than guessed. A property the template leaves out is compared
 * with Lambda's default for it. Environment variables are reported by name only: values may be secrets.
 *
 * <p>The runtime and handler that prepare switches to Java are expected to differ from a template that
 * declares a Python or Node.js stub, and are reported as such, not as drift.
 */
public final class ConfigurationDrift {
  /** Whether a difference is one lambda-sdlc makes on purpose, or drift. */
  public enum Kind { EXPECTED, DRIFT }

  /** One difference. Values are printable (never environment values). */
  public record Finding(String property, String template, String live, Kind kind, String note) {
    @Override
    public String toString() {
      return property + ": template " + template + ", live " + live + (note == null ? "" : " (" + note + ")");
    }
  }

  /** The differences, and the properties that could not be compared (with why). */
  public record Result(List<Finding> findings, List<String> notCompared) {
    public List<Finding> drift() {
      return findings.stream().filter(f -> f.kind() == Kind.DRIFT).toList();
    }

    public List<Finding> expected() {
      return findings.stream().filter(f -> f.kind() == Kind.EXPECTED).toList();
    }
  }

  private final Map<String, String> values;

  /**
   * @param parameters the stack's parameter values (DescribeStacks), NoEcho ones as CloudFormation masks them
   * @param pseudo pseudo parameters known to the caller, such as AWS::StackName and AWS::Region
   */
  public ConfigurationDrift(Map<String, String> parameters, Map<String, String> pseudo) {
    this.values = new TreeMap<>(pseudo);
    parameters.forEach((k, v) -> {
      if (v != null && !v.equals("****")) { // a NoEcho parameter's value is not known to us
        values.put(k, v);
      }
    });
  }

  /** Compares a function's template properties with its live configuration. */
  public Result compare(JsonNode properties, GetFunctionConfigurationResponse live) {
    List<Finding> findings = new ArrayList<>();
    List<String> notCompared = new ArrayList<>();

    Optional<JsonNode> runtime = resolved("Runtime", properties, notCompared);
    String templateRuntime = runtime.map(JsonNode::asText).orElse(null);
    boolean preparedToJava = templateRuntime != null && !JavaRuntimes.runsJavaBuilds(templateRuntime)
        && JavaRuntimes.runsJavaBuilds(live.runtimeAsString());
    String why = "expected: the prepare goal switched the " + templateRuntime + " stub to Java";
    runtime.ifPresent(t -> scalar(findings, "Runtime", t.asText(), live.runtimeAsString(), preparedToJava, why));
    resolved("Handler", properties, notCompared)
        .ifPresent(t -> scalar(findings, "Handler", t.asText(), live.handler(), preparedToJava, why));
    compareScalar(findings, notCompared, properties, "MemorySize", "128", String.valueOf(live.memorySize()));
    compareScalar(findings, notCompared, properties, "Timeout", "3", String.valueOf(live.timeout()));
    compareScalar(findings, notCompared, properties, "Description", "", live.description() == null ? "" : live.description());
    compareNested(findings, notCompared, properties, "EphemeralStorage", "Size", "512",
        live.ephemeralStorage() == null ? "512" : String.valueOf(live.ephemeralStorage().size()));
    compareNested(findings, notCompared, properties, "TracingConfig", "Mode", "PassThrough",
        live.tracingConfig() == null ? "PassThrough" : live.tracingConfig().modeAsString());
    compareNested(findings, notCompared, properties, "SnapStart", "ApplyOn", "None",
        live.snapStart() == null ? "None" : live.snapStart().applyOnAsString());
    compareList(findings, notCompared, properties, "Architectures", List.of("x86_64"), live.architecturesAsStrings());
    compareList(findings, notCompared, properties, "Layers", List.of(),
        live.layers().stream().map(l -> l.arn()).toList());
    compareEnvironment(findings, notCompared, properties,
        live.environment() == null || live.environment().variables() == null ? Map.of() : live.environment().variables());
    return new Result(findings, notCompared);
  }

  private void compareScalar(List<Finding> findings, List<String> notCompared, JsonNode properties, String name,
      String lambdaDefault, String live) {
    if (!properties.has(name) || properties.get(name).isNull()) {
      scalar(findings, name, lambdaDefault.isEmpty() ? "(not set)" : lambdaDefault + " (Lambda's default)", live,
          lambdaDefault, false, null);
      return;
    }
    resolved(name, properties, notCompared).ifPresent(t -> scalar(findings, name, t.asText(), live, false, null));
  }

  private void compareNested(List<Finding> findings, List<String> notCompared, JsonNode properties, String name,
      String field, String lambdaDefault, String live) {
    String property = name + "." + field;
    JsonNode object = properties.path(name);
    if (!object.has(field) && !containsIntrinsic(object)) {
      scalar(findings, property, lambdaDefault + " (Lambda's default)", live, lambdaDefault, false, null);
      return;
    }
    resolve(object.path(field)).ifPresentOrElse(t -> scalar(findings, property, t.asText(), live, false, null),
        () -> notCompared.add(property + " (computed by CloudFormation)"));
  }

  private void compareList(List<Finding> findings, List<String> notCompared, JsonNode properties, String name,
      List<String> lambdaDefault, List<String> live) {
    List<String> declared;
    if (!properties.has(name)) {
      declared = lambdaDefault;
    } else {
      Optional<JsonNode> value = resolved(name, properties, notCompared);
      if (value.isEmpty()) {
        return;
      }
      declared = new ArrayList<>();
      for (JsonNode item : value.get()) {
        declared.add(item.asText());
      }
    }
    if (!declared.equals(live)) {
      findings.add(new Finding(name, declared.toString(), live.toString(), Kind.DRIFT, null));
    }
  }

  private void compareEnvironment(List<Finding> findings, List<String> notCompared, JsonNode properties,
      Map<String, String> live) {
    JsonNode variables = properties.path("Environment").path("Variables");
    if (containsIntrinsic(properties.path("Environment")) && !variables.isObject()) {
      notCompared.add("Environment (computed by CloudFormation)");
      return;
    }
    TreeSet<String> onlyTemplate = new TreeSet<>();
    TreeSet<String> differ = new TreeSet<>();
    TreeSet<String> unknown = new TreeSet<>();
    if (variables.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = variables.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!live.containsKey(e.getKey())) {
          onlyTemplate.add(e.getKey());
          continue;
        }
        Optional<JsonNode> value = resolve(e.getValue());
        if (value.isEmpty()) {
          unknown.add(e.getKey());
        } else if (!value.get().asText().equals(live.get(e.getKey()))) {
          differ.add(e.getKey());
        }
      }
    }
    TreeSet<String> onlyLive = new TreeSet<>(live.keySet());
    variables.fieldNames().forEachRemaining(onlyLive::remove);
    if (!onlyTemplate.isEmpty() || !onlyLive.isEmpty() || !differ.isEmpty()) {
      List<String> parts = new ArrayList<>();
      if (!onlyTemplate.isEmpty()) {
        parts.add("only in the template " + onlyTemplate);
      }
      if (!onlyLive.isEmpty()) {
        parts.add("only live " + onlyLive);
      }
      if (!differ.isEmpty()) {
        parts.add("other value live " + differ);
      }
      findings.add(new Finding("Environment", names(variables), new TreeSet<>(live.keySet()).toString(), Kind.DRIFT,
          String.join("; ", parts) + "; values not shown"));
    }
    if (!unknown.isEmpty()) {
      notCompared.add("Environment values of " + unknown + " (computed by CloudFormation)");
    }
  }

  private static String names(JsonNode variables) {
    TreeSet<String> names = new TreeSet<>();
    variables.fieldNames().forEachRemaining(names::add);
    return names.toString();
  }

  private static void scalar(List<Finding> findings, String name, String template, String live, boolean expected,
      String note) {
    scalar(findings, name, template, live, template, expected, note);
  }

  /** Adds a finding when {@code live} differs from {@code comparable} (the template's value without decoration). */
  private static void scalar(List<Finding> findings, String name, String template, String live, String comparable,
      boolean expected, String note) {
    if (!sameValue(comparable, live)) {
      findings.add(new Finding(name, template.isEmpty() ? "(not set)" : template, live == null || live.isEmpty() ? "(not set)" : live,
          expected ? Kind.EXPECTED : Kind.DRIFT, note));
    }
  }

  private static boolean sameValue(String a, String b) {
    String x = a == null ? "" : a.trim();
    String y = b == null ? "" : b.trim();
    if (x.equals(y)) {
      return true;
    }
    try {
      return Long.parseLong(x) == Long.parseLong(y); // "512" from a parameter equals 512
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private Optional<JsonNode> resolved(String name, JsonNode properties, List<String> notCompared) {
    if (!properties.has(name)) {
      return Optional.empty();
    }
    Optional<JsonNode> value = resolve(properties.get(name));
    if (value.isEmpty()) {
      notCompared.add(name + " (computed by CloudFormation)");
    }
    return value;
  }

  /** The value CloudFormation would pass, when it can be known here. */
  Optional<JsonNode> resolve(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return Optional.empty();
    }
    try {
      JsonNode value = new IntrinsicFunctions(new KnownValues()).evaluate(node, false);
      return value.isMissingNode() ? Optional.empty() : Optional.of(value);
    } catch (IntrinsicFunctions.Unknown | TemplateException e) {
      return Optional.empty(); // computed by CloudFormation, or refused by it: not compared either way
    }
  }

  /**
   * What the workflow knows of a stack without CloudFormation: parameter values that are not NoEcho, and the
   * pseudo parameters the caller passed. Resources, conditions, mappings and exports are CloudFormation's to know.
   */
  private final class KnownValues implements IntrinsicFunctions.Scope {
    @Override
    public JsonNode ref(String name) {
      String value = values.get(name);
      if (value == null) {
        throw new IntrinsicFunctions.Unknown(name);
      }
      return TextNode.valueOf(value);
    }

    @Override
    public JsonNode getAtt(String logicalId, String attribute) {
      throw new IntrinsicFunctions.Unknown(logicalId + "." + attribute);
    }

    @Override
    public boolean condition(String name) {
      throw new IntrinsicFunctions.Unknown(name);
    }

    @Override
    public JsonNode mapping(String name) {
      throw new IntrinsicFunctions.Unknown(name);
    }

    @Override
    public String importValue(String name) {
      throw new IntrinsicFunctions.Unknown(name);
    }

    @Override
    public String region() {
      return ref("AWS::Region").asText();
    }
  }

  private static boolean containsIntrinsic(JsonNode node) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (key.equals("Ref") || key.startsWith("Fn::") || containsIntrinsic(node.get(key))) {
          return true;
        }
      }
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        if (containsIntrinsic(item)) {
          return true;
        }
      }
    }
    return false;
  }
}
