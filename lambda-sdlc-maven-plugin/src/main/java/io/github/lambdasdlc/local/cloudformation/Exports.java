package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.cloudformation.template.ImportResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The exports of the region: the outputs with an export name of every stack that is not deleted.
 * Export names are unique across stacks, and an export another stack imports can neither be removed
 * nor changed, as on AWS.
 */
final class Exports {
  /** One export: its name, value and the stack that exports it. */
  record Export(String name, String value, String stackId, String stackName) {
  }

  private final StackRepository stacks;

  Exports(StackRepository stacks) {
    this.stacks = stacks;
  }

  /** Every export, ordered by name. */
  List<Export> all() {
    Map<String, Export> byName = new java.util.TreeMap<>();
    for (StackRecord stack : stacks.live()) {
      synchronized (stack) {
        for (StackRecord.OutputRecord o : stack.outputs) {
          if (o.exportName != null) {
            byName.putIfAbsent(o.exportName, new Export(o.exportName, o.value, stack.stackId, stack.stackName));
          }
        }
      }
    }
    return new ArrayList<>(byName.values());
  }

  Optional<Export> find(String name) {
    return all().stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The names of the live stacks other than {@code exceptStackId} that import {@code exportName}. */
  List<String> importers(String exportName, String exceptStackId) {
    List<String> names = new ArrayList<>();
    for (StackRecord stack : stacks.live()) {
      synchronized (stack) {
        if (!stack.stackId.equals(exceptStackId) && stack.imports.contains(exportName)) {
          names.add(stack.stackName);
        }
      }
    }
    return names;
  }

  /** An {@link ImportResolver} over the current exports that remembers which names were imported. */
  static final class RecordingResolver implements ImportResolver {
    private final Exports exports;
    private final Set<String> imported = new LinkedHashSet<>();

    RecordingResolver(Exports exports) {
      this.exports = exports;
    }

    @Override
    public synchronized Optional<String> importValue(String exportName) {
      Optional<Export> export = exports.find(exportName);
      export.ifPresent(e -> imported.add(exportName));
      return export.map(Export::value);
    }

    synchronized Set<String> imported() {
      return new LinkedHashSet<>(imported);
    }
  }

  /**
   * Checks a stack's new outputs against the other stacks' exports and imports.
   *
   * @return null when they may be applied, else the reason CloudFormation gives
   */
  String checkChange(StackRecord stack, List<StackRecord.OutputRecord> oldOutputs,
      List<StackRecord.OutputRecord> newOutputs) {
    Map<String, String> oldExports = exportsOf(oldOutputs);
    Map<String, String> newExports = exportsOf(newOutputs);
    for (Map.Entry<String, String> e : newExports.entrySet()) {
      Optional<Export> existing = find(e.getKey());
      if (existing.isPresent() && !existing.get().stackId().equals(stack.stackId)) {
        return "Export with name " + e.getKey() + " is already exported by stack " + existing.get().stackName();
      }
    }
    for (Map.Entry<String, String> e : oldExports.entrySet()) {
      List<String> users = importers(e.getKey(), stack.stackId);
      if (users.isEmpty()) {
        continue;
      }
      if (!newExports.containsKey(e.getKey())) {
        return "Export " + e.getKey() + " cannot be deleted as it is in use by " + String.join(" and ", users);
      }
      if (!newExports.get(e.getKey()).equals(e.getValue())) {
        return "Export " + e.getKey() + " cannot be updated as it is in use by " + String.join(" and ", users);
      }
    }
    return null;
  }

  /** Why the stack cannot be deleted because of its exports, or null. */
  String checkDelete(StackRecord stack, List<StackRecord.OutputRecord> outputs) {
    return checkChange(stack, outputs, List.of());
  }

  static Map<String, String> exportsOf(List<StackRecord.OutputRecord> outputs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (StackRecord.OutputRecord o : outputs) {
      if (o.exportName != null) {
        map.put(o.exportName, o.value);
      }
    }
    return map;
  }
}
