package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.validation;

import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.cloudformation.template.ParameterDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.PseudoParameters;
import io.github.lambdasdlc.local.cloudformation.template.ResourceDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.SamTransform;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a request's template must pass before a stack operation (or a change set) starts: it parses, its
 * parameters resolve, the capabilities it needs were given, and its resources can be ordered. Each failure is
 * the {@code ValidationError} (or {@code InsufficientCapabilitiesException}) AWS answers synchronously.
 */
final class StackTemplates {
  private StackTemplates() {
  }

  static Template parse(String body) {
    try {
      return Template.parse(body);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  /**
   * Parses a template for a stack, after its SAM transform (when it declares one): its resource types must be
   * ones the local cloud can provision (or stand in for).
   */
  static Template parseForStack(StackEngine engine, String body, String stackName, List<String> capabilities) {
    String processed = expand(engine.cloud, body, stackName);
    if (!processed.equals(body) && !capabilities.contains("CAPABILITY_AUTO_EXPAND")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_AUTO_EXPAND");
    }
    Template template = parse(processed);
    Map<String, String> types = new LinkedHashMap<>();
    template.resources().forEach((id, r) -> types.put(id, r.type()));
    String problem = engine.providers.problem(types);
    if (problem != null) {
      throw validation(problem);
    }
    return template;
  }

  private static String expand(LocalContext cloud, String body, String stackName) {
    try {
      return SamTransform.expand(body, cloud.config().pythonCommand(), cloud.region(), cloud.accountId(), stackName);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  /** InsufficientCapabilitiesException when the template needs more than was given. */
  static void checkCapabilities(Template template, List<String> given) {
    Set<String> required = template.requiredCapabilities();
    if (required.contains("CAPABILITY_NAMED_IAM") && !given.contains("CAPABILITY_NAMED_IAM")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_NAMED_IAM");
    }
    if (required.contains("CAPABILITY_IAM") && !given.contains("CAPABILITY_IAM")
        && !given.contains("CAPABILITY_NAMED_IAM")) {
      throw CloudFormationErrors.insufficientCapabilities("CAPABILITY_IAM");
    }
  }

  static Map<String, String> resolveParameters(Template template, RequestMembers.GivenParameters given,
      Map<String, String> previous) {
    try {
      return new LinkedHashMap<>(template.resolveParameters(given.values(), previous, given.usePrevious()));
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  static List<String> noEcho(Template template) {
    List<String> names = new ArrayList<>();
    template.parameters().forEach((name, p) -> {
      if (p.noEcho()) {
        names.add(name);
      }
    });
    return names;
  }

  static List<String> creationOrder(TemplateEvaluator evaluator) {
    try {
      return evaluator.creationOrder();
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  static TemplateEvaluator evaluator(LocalContext cloud, Template template, Map<String, String> parameters,
      String stackName, String stackId, Exports.RecordingResolver imports) {
    try {
      return template.evaluator(parameters, PseudoParameters.of(cloud.region(), cloud.accountId(), stackName,
          stackId), imports);
    } catch (TemplateException e) {
      throw validation(e.getMessage());
    }
  }

  /** ValidateTemplate's result: parameters, description, and the capabilities the template needs and why. */
  static void validateTemplate(LocalContext cloud, StackRequests.ValidateTemplate request, XmlWriter w) {
    Template template = parse(expand(cloud, request.templateBody(), "stack"));
    List<ParameterDeclaration> parameters = new ArrayList<>(template.parameters().values());
    w.list("Parameters", parameters, (m, p) -> m
        .text("ParameterKey", p.name())
        .text("DefaultValue", p.defaultValue())
        .text("NoEcho", p.noEcho())
        .text("Description", p.description()));
    w.text("Description", template.description());
    capabilities(template, w);
  }

  /** GetTemplateSummary's result: parameters with their types, description, capabilities, resource types. */
  static void templateSummary(Template template, XmlWriter w) {
    List<ParameterDeclaration> parameters = new ArrayList<>(template.parameters().values());
    w.list("Parameters", parameters, (m, p) -> {
      m.text("ParameterKey", p.name())
          .text("DefaultValue", p.defaultValue())
          .text("ParameterType", p.type())
          .text("NoEcho", p.noEcho())
          .text("Description", p.description());
      if (p.allowedValues() != null) {
        m.element("ParameterConstraints", c -> c.textList("AllowedValues", p.allowedValues()));
      }
    });
    w.text("Description", template.description());
    capabilities(template, w);
    w.textList("ResourceTypes", new ArrayList<>(new TreeSet<>(template.resources().values().stream()
        .map(ResourceDeclaration::type).toList())));
    w.text("Version", "2010-09-09");
    w.element("DeclaredTransforms", t -> { });
  }

  private static void capabilities(Template template, XmlWriter w) {
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
