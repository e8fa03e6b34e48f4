package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_OR_ID_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_PATTERN;
import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.template.ParameterDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.PseudoParameters;
import io.github.lambdasdlc.local.cloudformation.template.ResourceDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.SamTransform;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The operations that start or check stack changes: CreateStack, UpdateStack, DeleteStack,
 * ValidateTemplate, UpdateTerminationProtection. Everything AWS checks before answering is checked
 * here, synchronously; the rest runs in the background on the {@link StackEngine}.
 */
final class StackMutations {
  static final int MAX_TEMPLATE_BODY = 51_200;
  static final int MAX_STACK_NAME = 128;
  static final int MAX_TAGS = 50;
  static final List<String> CAPABILITIES = List.of("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND");
  static final List<String> ON_FAILURE = List.of("DO_NOTHING", "ROLLBACK", "DELETE");
  /** The states UpdateStack accepts, as AWS does. */
  static final Set<String> UPDATABLE = Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE",
      "UPDATE_FAILED", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_COMPLETE");

  private final StackEngine engine;
  private final StackRepository stacks;

  StackMutations(StackEngine engine) {
    this.engine = engine;
    this.stacks = engine.stacks;
  }

  /** The given template body; TemplateURL is refused, as the local cloud has no S3. */
  private static String templateBody(QueryRequest q, boolean required) {
    String body = q.get("TemplateBody");
    String url = q.get("TemplateURL");
    new CloudFormationErrors.Constraints().minLength("templateBody", body, 1)
        .maxLength("templateBody", body, MAX_TEMPLATE_BODY, false)
        .check();
    if (url != null) {
      throw validation("TemplateURL is not supported by the lambda-sdlc local cloud (it has no S3): pass the"
          + " template itself in TemplateBody.");
    }
    if (body == null && required) {
      throw validation("Either Template URL or Template Body must be specified.");
    }
    return body;
  }

  private static Template parseOnly(String body) {
    try {
      return Template.parse(body);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  /**
   * Parses a template for a stack, after its SAM transform (when it declares one): its resource types must be
   * ones the local cloud can provision.
   */
  private Template parse(String body, String stackName, List<String> capabilities) {
    String processed;
    try {
      processed = SamTransform.expand(body, engine.cloud.config().pythonCommand(), engine.cloud.region(),
          engine.cloud.accountId(), stackName);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
    if (!processed.equals(body) && !capabilities.contains("CAPABILITY_AUTO_EXPAND")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_AUTO_EXPAND");
    }
    Template template = parseOnly(processed);
    Map<String, String> types = new LinkedHashMap<>();
    template.resources().forEach((id, r) -> types.put(id, r.type()));
    String problem = engine.providers.problem(types);
    if (problem != null) {
      throw validation(problem);
    }
    return template;
  }

  private static List<String> capabilities(QueryRequest q) {
    List<String> given = q.list("Capabilities");
    for (String c : given) {
      if (!CAPABILITIES.contains(c)) {
        throw validation("1 validation error detected: Value '" + given + "' at 'capabilities' failed to satisfy"
            + " constraint: Member must satisfy constraint: [Member must satisfy enum value set: " + CAPABILITIES + "]");
      }
    }
    return new ArrayList<>(new LinkedHashSet<>(given));
  }

  /** InsufficientCapabilitiesException when the template needs more than was given. */
  private static void checkCapabilities(Template template, List<String> given) {
    Set<String> required = template.requiredCapabilities();
    if (required.contains("CAPABILITY_NAMED_IAM") && !given.contains("CAPABILITY_NAMED_IAM")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_NAMED_IAM");
    }
    if (required.contains("CAPABILITY_IAM") && !given.contains("CAPABILITY_IAM")
        && !given.contains("CAPABILITY_NAMED_IAM")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_IAM");
    }
  }

  private static Map<String, String> tags(QueryRequest q) {
    List<Map<String, String>> structs = q.structs("Tags");
    CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
    if (structs.size() > MAX_TAGS) {
      c.add("Value '" + structs + "' at 'tags' failed to satisfy constraint: Member must have length less than or"
          + " equal to " + MAX_TAGS);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 0; i < structs.size(); i++) {
      Map<String, String> t = structs.get(i);
      c.notNull("tags." + (i + 1) + ".member.key", t.get("Key"));
      c.notNull("tags." + (i + 1) + ".member.value", t.get("Value"));
      if (t.get("Key") != null) {
        tags.put(t.get("Key"), t.get("Value"));
      }
    }
    c.check();
    return tags;
  }

  private record GivenParameters(Map<String, String> values, Set<String> usePrevious) {
  }

  private static GivenParameters parameters(QueryRequest q) {
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> usePrevious = new LinkedHashSet<>();
    List<Map<String, String>> structs = q.structs("Parameters");
    CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
    for (int i = 0; i < structs.size(); i++) {
      Map<String, String> p = structs.get(i);
      String key = p.get("ParameterKey");
      c.notNull("parameters." + (i + 1) + ".member.parameterKey", key);
      if (key == null) {
        continue;
      }
      if (Boolean.parseBoolean(p.get("UsePreviousValue"))) {
        if (p.get("ParameterValue") != null) {
          throw validation("Invalid input for parameter key " + key + ". Cannot specify usePreviousValue as true"
              + " and non empty value for a parameter");
        }
        usePrevious.add(key);
      } else {
        values.put(key, p.get("ParameterValue") == null ? "" : p.get("ParameterValue"));
      }
    }
    c.check();
    return new GivenParameters(values, usePrevious);
  }

  private static Map<String, String> resolveParameters(Template template, GivenParameters given,
      Map<String, String> previous) {
    try {
      return new LinkedHashMap<>(template.resolveParameters(given.values(), previous, given.usePrevious()));
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  private static List<String> noEcho(Template template) {
    List<String> names = new ArrayList<>();
    template.parameters().forEach((name, p) -> {
      if (p.noEcho()) {
        names.add(name);
      }
    });
    return names;
  }

  private static List<String> creationOrder(TemplateEvaluator evaluator) {
    try {
      return evaluator.creationOrder();
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  private TemplateEvaluator evaluator(Template template, Map<String, String> parameters, String stackName,
      String stackId, Exports.RecordingResolver imports) {
    try {
      return template.evaluator(parameters, PseudoParameters.of(engine.cloud.region(), engine.cloud.accountId(),
          stackName, stackId), imports);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  String createStack(QueryRequest q) {
    String name = q.get("StackName");
    String onFailure = q.get("OnFailure");
    new CloudFormationErrors.Constraints()
        .notNull("stackName", name)
        .minLength("stackName", name, 1)
        .maxLength("stackName", name, MAX_STACK_NAME, true)
        .pattern("stackName", name, NAME_PATTERN)
        .enumValue("onFailure", onFailure, ON_FAILURE)
        .check();
    String body = templateBody(q, true);
    Boolean disableRollback = q.bool("DisableRollback");
    if (disableRollback != null && onFailure != null) {
      throw validation("You can specify either DisableRollback or OnFailure, but not both.");
    }
    List<String> capabilities = capabilities(q);
    Map<String, String> tags = tags(q);
    GivenParameters given = parameters(q);
    synchronized (stacks) {
      if (stacks.liveByName(name).isPresent()) {
        throw CloudFormationErrors.alreadyExists(name);
      }
      Template template = parse(body, name, capabilities);
      if (!given.usePrevious().isEmpty()) {
        throw validation("Invalid input for parameter key " + given.usePrevious().iterator().next()
            + ". Cannot specify usePreviousValue as true for a parameter when creating a stack");
      }
      Map<String, String> parameters = resolveParameters(template, given, Map.of());
      checkCapabilities(template, capabilities);
      String stackId = engine.cloud.arn("cloudformation", "stack/" + name + "/" + UUID.randomUUID());
      Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
      TemplateEvaluator evaluator = evaluator(template, parameters, name, stackId, imports);
      List<String> order = creationOrder(evaluator);

      StackRecord stack = new StackRecord();
      stack.stackId = stackId;
      stack.stackName = name;
      stack.description = template.description();
      stack.templateBody = body;
      stack.parameters = parameters;
      stack.noEchoParameters = noEcho(template);
      stack.capabilities = capabilities;
      stack.notificationArns = q.list("NotificationARNs");
      stack.tags = tags;
      stack.disableRollback = Boolean.TRUE.equals(disableRollback) || "DO_NOTHING".equals(onFailure);
      stack.enableTerminationProtection = Boolean.TRUE.equals(q.bool("EnableTerminationProtection"));
      stack.timeoutInMinutes = q.get("TimeoutInMinutes") == null ? null : parseTimeout(q.get("TimeoutInMinutes"));
      stack.roleArn = q.get("RoleARN");
      stack.creationTime = engine.now().toString();
      engine.stackEvent(stack, "CREATE_IN_PROGRESS", "User Initiated");
      stacks.add(stack);
      String effectiveOnFailure = onFailure != null ? onFailure
          : Boolean.TRUE.equals(disableRollback) ? "DO_NOTHING" : "ROLLBACK";
      new CreateOperation(engine, stack, template, evaluator, imports, order, effectiveOnFailure).start();
      return stackId;
    }
  }

  private static Integer parseTimeout(String text) {
    try {
      int minutes = Integer.parseInt(text);
      if (minutes < 1) {
        throw validation("1 validation error detected: Value '" + text + "' at 'timeoutInMinutes' failed to satisfy"
            + " constraint: Member must have value greater than or equal to 1");
      }
      return minutes;
    } catch (NumberFormatException e) {
      throw validation("Invalid value for TimeoutInMinutes: " + text);
    }
  }

  String updateStack(QueryRequest q) {
    String name = q.get("StackName");
    new CloudFormationErrors.Constraints()
        .notNull("stackName", name)
        .pattern("stackName", name, NAME_OR_ID_PATTERN)
        .check();
    boolean usePreviousTemplate = Boolean.TRUE.equals(q.bool("UsePreviousTemplate"));
    String body = templateBody(q, !usePreviousTemplate);
    if (usePreviousTemplate && body != null) {
      throw validation("You cannot specify both usePreviousTemplate and Template Body/Template Url");
    }
    List<String> capabilities = capabilities(q);
    GivenParameters given = parameters(q);
    Map<String, String> newTags = q.hasList("Tags") ? tags(q) : null;
    Boolean disableRollback = q.bool("DisableRollback");
    StackRecord stack = stacks.find(name).filter(s -> !s.deleted())
        .orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
    synchronized (stack) {
      if (!UPDATABLE.contains(stack.status)) {
        throw CloudFormationErrors.cannotBeUpdated(stack.stackId, stack.status);
      }
      String newBody = usePreviousTemplate ? stack.templateBody : body;
      Template template = parse(newBody, stack.stackName, capabilities);
      Map<String, String> parameters = resolveParameters(template, given, stack.parameters);
      checkCapabilities(template, capabilities);
      Map<String, String> tags = newTags == null ? stack.tags : newTags;
      if (newBody.equals(stack.templateBody) && parameters.equals(stack.parameters) && tags.equals(stack.tags)) {
        throw validation("No updates are to be performed.");
      }
      Exports.RecordingResolver imports = new Exports.RecordingResolver(engine.exports);
      TemplateEvaluator evaluator = evaluator(template, parameters, stack.stackName, stack.stackId, imports);
      List<String> order = creationOrder(evaluator);

      UpdateOperation.Previous previous = UpdateOperation.Previous.of(stack);
      stack.templateBody = newBody;
      stack.description = template.description();
      stack.parameters = parameters;
      stack.noEchoParameters = noEcho(template);
      stack.capabilities = capabilities;
      stack.tags = new LinkedHashMap<>(tags);
      if (q.hasList("NotificationARNs")) {
        stack.notificationArns = q.list("NotificationARNs");
      }
      if (disableRollback != null) {
        stack.disableRollback = disableRollback;
      }
      stack.lastUpdatedTime = engine.now().toString();
      engine.stackEvent(stack, "UPDATE_IN_PROGRESS", "User Initiated");
      stacks.save(stack);
      new UpdateOperation(engine, stack, previous, template, evaluator, imports, order,
          Boolean.TRUE.equals(disableRollback)).start();
      return stack.stackId;
    }
  }

  void deleteStack(QueryRequest q) {
    String name = q.get("StackName");
    new CloudFormationErrors.Constraints()
        .notNull("stackName", name)
        .pattern("stackName", name, NAME_OR_ID_PATTERN)
        .check();
    StackRecord stack = stacks.find(name).orElse(null);
    if (stack == null) {
      return; // deleting a stack that does not exist succeeds, as on AWS
    }
    synchronized (stack) {
      if (stack.deleted() || "DELETE_IN_PROGRESS".equals(stack.status)) {
        return;
      }
      if (stack.enableTerminationProtection) {
        throw validation("Stack [" + stack.stackName + "] cannot be deleted while TerminationProtection is enabled");
      }
      if (stack.inProgress()) {
        throw validation("Stack [" + stack.stackId + "] cannot be deleted while in status " + stack.status);
      }
      String previousStatus = stack.status;
      engine.stackEvent(stack, "DELETE_IN_PROGRESS", "User Initiated");
      stacks.save(stack);
      new DeleteOperation(engine, stack, previousStatus, q.list("RetainResources")).start();
    }
  }

  String updateTerminationProtection(QueryRequest q) {
    String name = q.get("StackName");
    String enable = q.get("EnableTerminationProtection");
    new CloudFormationErrors.Constraints()
        .notNull("enableTerminationProtection", enable)
        .notNull("stackName", name)
        .pattern("stackName", name, NAME_OR_ID_PATTERN)
        .check();
    StackRecord stack = stacks.find(name).filter(s -> !s.deleted())
        .orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
    synchronized (stack) {
      stack.enableTerminationProtection = Boolean.parseBoolean(enable);
    }
    stacks.save(stack);
    return stack.stackId;
  }

  void validateTemplate(QueryRequest q, XmlWriter w) {
    String body = templateBody(q, true);
    Template template;
    try {
      template = parseOnly(SamTransform.expand(body, engine.cloud.config().pythonCommand(), engine.cloud.region(),
          engine.cloud.accountId(), "stack"));
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
    List<ParameterDeclaration> parameters = new ArrayList<>(template.parameters().values());
    w.list("Parameters", parameters, (m, p) -> m
        .text("ParameterKey", p.name())
        .text("DefaultValue", p.defaultValue())
        .text("NoEcho", p.noEcho())
        .text("Description", p.description()));
    w.text("Description", template.description());
    Set<String> required = template.requiredCapabilities();
    if (!required.isEmpty()) {
      String capability = required.contains("CAPABILITY_NAMED_IAM") ? "CAPABILITY_NAMED_IAM" : "CAPABILITY_IAM";
      w.textList("Capabilities", List.of(capability));
      Set<String> types = new TreeSet<>();
      for (ResourceDeclaration r : template.resources().values()) {
        if (r.type().startsWith("AWS::IAM::")) {
          types.add(r.type());
        }
      }
      w.text("CapabilitiesReason", "The following resource(s) require capabilities: " + types);
    } else {
      w.element("Capabilities", c -> { });
    }
  }
}
