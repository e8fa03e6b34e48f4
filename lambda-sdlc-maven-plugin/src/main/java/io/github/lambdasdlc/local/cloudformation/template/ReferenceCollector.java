package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.Intrinsics;
import io.github.lambdasdlc.cfn.SubString;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the names a piece of template refers to: {@code Ref} targets and {@code ${Name}} in {@code Fn::Sub}
 * (refs), {@code Fn::GetAtt} targets and {@code ${Name.Attr}} (getAtts), {@code Fn::If} and {@code Condition}
 * names (conditions), and literal {@code Fn::FindInMap} mapping names (mappings).
 *
 * <p>With a condition lookup, only the branch of each {@code Fn::If} that its condition selects is walked: a
 * resource left out by its condition may still be named in the branch not taken, as in the common
 * {@code !If [HasX, !Ref X, !Ref AWS::NoValue]}. Without one, every branch is walked (static validation).
 */
final class ReferenceCollector {
  final Set<String> refs = new LinkedHashSet<>();
  final Set<String> getAtts = new LinkedHashSet<>();
  final Set<String> conditions = new LinkedHashSet<>();
  final Set<String> mappings = new LinkedHashSet<>();
  private final Function<String, Boolean> selected;
  private final boolean conditionContext;

  /**
   * @param selected the value of a named condition (null when unknown), or null to walk every branch
   * @param conditionContext whether a lone {@code Condition} key is a function (the Conditions section)
   */
  ReferenceCollector(Function<String, Boolean> selected, boolean conditionContext) {
    this.selected = selected;
    this.conditionContext = conditionContext;
  }

  /** Every resource-or-parameter name referred to, in order of first mention. */
  Set<String> allNames() {
    Set<String> all = new LinkedHashSet<>(refs);
    all.addAll(getAtts);
    return all;
  }

  ReferenceCollector visit(JsonNode node) {
    if (node == null) {
      return this;
    }
    if (node.isArray()) {
      node.forEach(this::visit);
      return this;
    }
    if (!node.isObject()) {
      return this;
    }
    String function = Intrinsics.functionOf(node, conditionContext);
    if (function == null) {
      node.forEach(this::visit);
      return this;
    }
    JsonNode argument = node.get(function);
    switch (function) {
      case Intrinsics.REF -> {
        if (argument.isTextual()) {
          refs.add(argument.asText());
        }
      }
      case Intrinsics.CONDITION -> {
        if (argument.isTextual()) {
          conditions.add(argument.asText());
        }
      }
      case Intrinsics.GET_ATT -> getAtt(argument);
      case Intrinsics.SUB -> sub(argument);
      case Intrinsics.IF -> ifBranches(argument);
      case Intrinsics.FIND_IN_MAP -> {
        if (argument.isArray() && argument.size() > 0 && argument.get(0).isTextual()) {
          mappings.add(argument.get(0).asText());
        }
        visit(argument);
      }
      default -> visit(argument);
    }
    return this;
  }

  private void getAtt(JsonNode argument) {
    if (argument.isTextual()) {
      int dot = argument.asText().indexOf('.');
      getAtts.add(dot < 0 ? argument.asText() : argument.asText().substring(0, dot));
    } else if (argument.isArray() && argument.size() > 0) {
      if (argument.get(0).isTextual()) {
        getAtts.add(argument.get(0).asText());
      }
      for (int i = 1; i < argument.size(); i++) {
        visit(argument.get(i));
      }
    }
  }

  private void sub(JsonNode argument) {
    JsonNode text = argument;
    Set<String> local = Set.of();
    if (argument.isArray() && argument.size() == 2 && argument.get(1).isObject()) {
      text = argument.get(0);
      local = new LinkedHashSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = argument.get(1).properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> variable = it.next();
        local.add(variable.getKey());
        visit(variable.getValue());
      }
    }
    if (!text.isTextual()) {
      return;
    }
    for (SubString.Part part : SubString.parse(text.asText())) {
      if (!part.variable() || local.contains(part.text())) {
        continue;
      }
      int dot = part.text().indexOf('.');
      if (dot < 0) {
        refs.add(part.text());
      } else {
        getAtts.add(part.text().substring(0, dot));
      }
    }
  }

  private void ifBranches(JsonNode argument) {
    if (!argument.isArray() || argument.size() != 3 || !argument.get(0).isTextual()) {
      visit(argument);
      return;
    }
    String condition = argument.get(0).asText();
    conditions.add(condition);
    Boolean value = selected == null ? null : selected.apply(condition);
    if (value == null) {
      visit(argument.get(1));
      visit(argument.get(2));
    } else {
      visit(argument.get(value ? 1 : 2));
    }
  }
}
