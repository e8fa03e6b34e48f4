package io.github.lambdasdlc.local.cloudformation.template;

import io.github.lambdasdlc.cfn.TemplateException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Orders resources so that each comes after what it depends on; ties keep template order. */
final class DependencyGraph {
  private DependencyGraph() {
  }

  /**
   * @param dependencies every resource, in template order, with the resources it depends on (all of them keys)
   * @throws TemplateException {@code Circular dependency between resources: [A, B]}, naming the resources on
   *     cycles in template order
   */
  static List<String> order(Map<String, Set<String>> dependencies) {
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    boolean progress = true;
    while (placed.size() < dependencies.size() && progress) {
      progress = false;
      // The first resource in template order whose dependencies are all placed goes next.
      for (Map.Entry<String, Set<String>> entry : dependencies.entrySet()) {
        if (!placed.contains(entry.getKey()) && placed.containsAll(entry.getValue())) {
          placed.add(entry.getKey());
          order.add(entry.getKey());
          progress = true;
          break;
        }
      }
    }
    if (placed.size() < dependencies.size()) {
      throw new TemplateException("Circular dependency between resources: " + onCycles(dependencies));
    }
    return order;
  }

  /** The resources that lie on a cycle (strongly connected components with a cycle), in template order. */
  private static List<String> onCycles(Map<String, Set<String>> dependencies) {
    Tarjan tarjan = new Tarjan(dependencies);
    dependencies.keySet().forEach(tarjan::visit);
    List<String> members = new ArrayList<>();
    for (String id : dependencies.keySet()) {
      if (tarjan.cyclic.contains(id)) {
        members.add(id);
      }
    }
    return members;
  }

  private static final class Tarjan {
    private final Map<String, Set<String>> edges;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new LinkedHashSet<>();
    final Set<String> cyclic = new LinkedHashSet<>();
    private int next;

    Tarjan(Map<String, Set<String>> edges) {
      this.edges = edges;
    }

    void visit(String node) {
      if (index.containsKey(node)) {
        return;
      }
      index.put(node, next);
      low.put(node, next);
      next++;
      stack.push(node);
      onStack.add(node);
      for (String target : edges.getOrDefault(node, Set.of())) {
        if (!index.containsKey(target)) {
          visit(target);
          low.put(node, Math.min(low.get(node), low.get(target)));
        } else if (onStack.contains(target)) {
          low.put(node, Math.min(low.get(node), index.get(target)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        List<String> component = new ArrayList<>();
        String member;
        do {
          member = stack.pop();
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1 || edges.getOrDefault(node, Set.of()).contains(node)) {
          cyclic.addAll(component);
        }
      }
    }
  }
}
