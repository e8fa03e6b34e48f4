package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.cloudformation.ChangeSetRecord.ChangeRecord;
import io.github.lambdasdlc.local.cloudformation.ChangeSetRecord.DetailRecord;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.local.cloudformation.resources.CustomResourceProvider;
import io.github.lambdasdlc.local.cloudformation.resources.ResourceProvider;
import io.github.lambdasdlc.local.cloudformation.template.ResourceAttributes;
import io.github.lambdasdlc.local.cloudformation.template.ResourceDeclaration;
import io.github.lambdasdlc.local.cloudformation.template.Template;
import io.github.lambdasdlc.local.cloudformation.template.TemplateEvaluator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The resource changes of a change set, found as the update would find them: each resource's properties resolved
 * against the stack's resources and compared with those it was last created or updated with, property by
 * property, each marked as requiring recreation when its type's provider replaces the resource for it.
 *
 * <p>A value that depends on a resource the change set adds or replaces is not known before the change is applied:
 * it resolves to AWS's placeholder {@value #KNOWN_AFTER_APPLY}, and its detail is {@code Dynamic}. As on AWS,
 * {@code Replacement} is {@code True} when a property that always recreates changes statically, {@code Conditional}
 * when it may change dynamically, {@code False} otherwise. Changes are found in Properties (the local cloud keeps
 * no other attribute of a resource's previous state).
 */
final class ChangeSetDiff {
  static final String KNOWN_AFTER_APPLY = "{{changeSet:KNOWN_AFTER_APPLY}}";

  private final StackEngine engine;
  private final StackRecord stack;
  private final Map<String, String> oldParameters;
  private final Map<String, String> newParameters;
  /** Resources the change set adds or (maybe) replaces: their Ref and attributes are known after apply only. */
  private final Set<String> unstable = new LinkedHashSet<>();

  private ChangeSetDiff(StackEngine engine, StackRecord stack, Map<String, String> oldParameters,
      Map<String, String> newParameters) {
    this.engine = engine;
    this.stack = stack;
    this.oldParameters = oldParameters;
    this.newParameters = newParameters;
  }

  /**
   * The changes from the stack's resources (none for a CREATE change set) to the template's.
   *
   * @param stack the stack, read with its monitor held
   * @throws TemplateException when the template cannot be evaluated with these parameters
   */
  static List<ChangeRecord> changes(StackEngine engine, StackRecord stack, boolean create, Template template,
      TemplateEvaluator evaluator, Map<String, String> parameters) {
    ChangeSetDiff diff = new ChangeSetDiff(engine, stack, stack.parameters, parameters);
    Template previous = create || stack.templateBody == null ? null : Template.parse(stack.templateBody);
    List<ChangeRecord> changes = new ArrayList<>();
    List<String> order = evaluator.creationOrder();
    for (String logicalId : order) {
      ResourceDeclaration declaration = template.resources().get(logicalId);
      ResourceRecord current = create ? null : stack.resources.get(logicalId);
      if (current == null || "DELETE_COMPLETE".equals(current.status)) {
        diff.unstable.add(logicalId);
        changes.add(change("Add", logicalId, null, declaration.type()));
        continue;
      }
      JsonNode oldDeclared = previous == null || !previous.resources().containsKey(logicalId) ? null
          : previous.resources().get(logicalId).properties();
      diff.modification(evaluator, declaration, current, oldDeclared).ifPresent(changes::add);
    }
    if (!create) {
      for (ResourceRecord r : stack.resources.values()) {
        if (!order.contains(r.logicalId) && !"DELETE_COMPLETE".equals(r.status)) {
          ChangeRecord removal = change("Remove", r.logicalId, r.physicalId, r.type);
          removal.policyAction = r.deletionPolicy != null && r.deletionPolicy.startsWith("Retain") ? "Retain"
              : "Delete";
          changes.add(removal);
        }
      }
    }
    return changes;
  }

  private static ChangeRecord change(String action, String logicalId, String physicalId, String type) {
    ChangeRecord c = new ChangeRecord();
    c.action = action;
    c.logicalId = logicalId;
    c.physicalId = physicalId;
    c.resourceType = type;
    return c;
  }

  private Optional<ChangeRecord> modification(TemplateEvaluator evaluator, ResourceDeclaration declaration,
      ResourceRecord current, JsonNode oldDeclared) {
    ChangeRecord change = change("Modify", current.logicalId, current.physicalId, declaration.type());
    if (!declaration.type().equals(current.type) || current.properties == null) {
      change.replacement = "True";
      unstable.add(current.logicalId);
      return Optional.of(change);
    }
    Optional<ResourceProvider> provider = engine.providers.forType(declaration.type());
    JsonNode resolved;
    try {
      resolved = evaluator.resolveProperties(current.logicalId, attributes());
    } catch (TemplateException e) {
      resolved = null; // a value needs what only the update will create: compare what the template says
    }
    Set<String> names = new LinkedHashSet<>();
    current.properties.fieldNames().forEachRemaining(names::add);
    declaration.properties().fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode declared = declaration.properties().get(name);
      JsonNode before = oldDeclared == null ? null : oldDeclared.get(name);
      Set<String> references = declared == null ? Set.of() : Template.referencedNames(declared);
      String causing = references.stream().filter(unstable::contains).findFirst().orElse(null);
      boolean dynamic;
      if (resolved != null) {
        JsonNode now = resolved.get(name);
        if (java.util.Objects.equals(now, current.properties.get(name))) {
          continue;
        }
        dynamic = now != null && now.toString().contains(KNOWN_AFTER_APPLY);
      } else {
        dynamic = causing != null;
        if (!dynamic && java.util.Objects.equals(declared, before)) {
          continue;
        }
      }
      DetailRecord d = new DetailRecord();
      d.attribute = "Properties";
      d.name = name;
      d.requiresRecreation = provider.map(p -> p.replacementProperties().contains(name)).orElse(false) ? "Always"
          : "Never";
      d.evaluation = dynamic ? "Dynamic" : "Static";
      if (dynamic) {
        d.changeSource = "ResourceReference";
        d.causingEntity = causing;
      } else if (!java.util.Objects.equals(declared, before)) {
        d.changeSource = "DirectModification";
      } else {
        d.causingEntity = references.stream()
            .filter(p -> newParameters.containsKey(p) && !newParameters.get(p).equals(oldParameters.get(p)))
            .findFirst().orElse(null);
        d.changeSource = d.causingEntity != null ? "ParameterReference" : "Automatic";
      }
      change.details.add(d);
    }
    if (change.details.isEmpty()) {
      return Optional.empty();
    }
    change.scope.add("Properties");
    boolean always = change.details.stream().anyMatch(d -> d.requiresRecreation.equals("Always")
        && d.evaluation.equals("Static"));
    boolean maybe = change.details.stream().anyMatch(d -> d.requiresRecreation.equals("Always"));
    change.replacement = always ? "True" : maybe ? "Conditional" : "False";
    if (maybe) {
      unstable.add(current.logicalId);
    }
    return Optional.of(change);
  }

  /** The stack's resources as they are; those the change set adds or replaces as known after apply. */
  private ResourceAttributes attributes() {
    return new ResourceAttributes() {
      @Override
      public String ref(String logicalId) {
        ResourceRecord r = stack.resources.get(logicalId);
        return unstable.contains(logicalId) || r == null ? KNOWN_AFTER_APPLY : r.ref;
      }

      @Override
      public JsonNode getAtt(String logicalId, String attribute) {
        ResourceRecord r = stack.resources.get(logicalId);
        JsonNode value = unstable.contains(logicalId) || r == null || r.attributes == null ? null
            : r.attributes.get(attribute);
        return value == null ? TextNode.valueOf(KNOWN_AFTER_APPLY)
            : CustomResourceProvider.attribute(r.data, value);
      }
    };
  }
}
