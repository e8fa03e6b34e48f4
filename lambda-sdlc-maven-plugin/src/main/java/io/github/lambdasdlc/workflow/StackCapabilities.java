package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateResponse;

/**
 * The capabilities init acknowledges when it creates or updates a stack: those ValidateTemplate reports
 * (CAPABILITY_IAM, CAPABILITY_NAMED_IAM), CAPABILITY_AUTO_EXPAND when the template declares a transform
 * (AWS's ValidateTemplate does not report it for SAM or macros, and CreateStack then fails with
 * InsufficientCapabilitiesException), and those the user sets ({@code lambda-sdlc.capabilities}).
 */
final class StackCapabilities {
  private StackCapabilities() {
  }

  /**
   * The capabilities a user set, as CloudFormation names them; {@code iam} and {@code CAPABILITY_IAM} alike.
   *
   * @throws WorkflowException naming the setting when one is not a capability
   */
  static List<Capability> parse(List<String> values) {
    Set<Capability> out = new LinkedHashSet<>();
    for (String value : values == null ? List.<String>of() : values) {
      if (value == null || value.isBlank()) {
        continue;
      }
      String name = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      Capability c = Capability.fromValue(name.startsWith("CAPABILITY_") ? name : "CAPABILITY_" + name);
      if (c == Capability.UNKNOWN_TO_SDK_VERSION) {
        throw WorkflowException.userError("'" + value.trim() + "' (lambda-sdlc.capabilities) is not a CloudFormation"
            + " capability. Use " + String.join(", ", Capability.knownValues().stream().map(Capability::toString)
            .sorted().toList()) + ", comma-separated.");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  /** What to send: the reported ones, AUTO_EXPAND for a transform, then the user's; each once, in that order. */
  static List<Capability> toSend(ValidateTemplateResponse validation, StackTemplate template, List<Capability> requested,
      WorkflowListener listener) {
    Set<Capability> out = new LinkedHashSet<>(validation.capabilities());
    List<String> transforms = new ArrayList<>(validation.declaredTransforms());
    transforms.addAll(declaredTransforms(template).stream().filter(t -> !transforms.contains(t)).toList());
    if (!transforms.isEmpty() && out.add(Capability.CAPABILITY_AUTO_EXPAND)) {
      listener.info("Acknowledging CAPABILITY_AUTO_EXPAND: " + template.described() + " declares the transform"
          + (transforms.size() == 1 ? " " : "s ") + String.join(", ", transforms) + ".");
    }
    out.addAll(requested);
    listener.debug("Capabilities: " + (out.isEmpty() ? "none" : out.stream().map(Capability::toString).toList()));
    return List.copyOf(out);
  }

  /**
   * The transforms the template declares: its {@code Transform} section (a name or a list) and every
   * {@code Fn::Transform} (a macro, {@code AWS::Include}); empty when it cannot be read here, since
   * ValidateTemplate has accepted it and reports the section's transforms on AWS.
   */
  static List<String> declaredTransforms(StackTemplate template) {
    JsonNode root;
    try {
      root = TemplateDocument.parse(template.body()).root();
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    JsonNode section = root.path("Transform");
    if (section.isTextual()) {
      names.add(section.asText());
    } else if (section.isArray()) {
      section.forEach(t -> names.add(t.isTextual() ? t.asText() : "Fn::Transform"));
    }
    collectFnTransforms(root, names);
    return List.copyOf(names);
  }

  private static void collectFnTransforms(JsonNode node, Set<String> names) {
    if (node.isObject()) {
      for (var e : node.properties()) {
        if (e.getKey().equals("Fn::Transform")) {
          names.add(e.getValue().path("Name").asText("Fn::Transform"));
        }
        collectFnTransforms(e.getValue(), names);
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectFnTransforms(child, names));
    }
  }
}
