package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.core.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The stacks of one local cloud, in memory and in the state directory (one file per stack, written
 * atomically after every change). Deleted stacks are kept, as AWS keeps them visible by stack id and
 * in ListStacks, for {@link #DELETED_RETENTION}.
 */
public final class StackRepository {
  private static final Logger LOG = Logger.getLogger(StackRepository.class.getName());
  static final String DIR = "cloudformation/stacks";
  /** AWS lists deleted stacks for 90 days. */
  static final Duration DELETED_RETENTION = Duration.ofDays(90);

  private final StateStore store;
  private final Map<String, StackRecord> byId = new ConcurrentHashMap<>();

  StackRepository(StateStore store) {
    this.store = store;
  }

  /** Reads every stack file; drops deleted stacks past their retention. */
  List<StackRecord> load(Instant now) {
    List<StackRecord> loaded = new ArrayList<>();
    for (String file : store.list(DIR)) {
      if (!file.endsWith(".json")) {
        continue;
      }
      Optional<StackRecord> record = store.readJson(DIR + "/" + file, StackRecord.class);
      if (record.isEmpty() || record.get().stackId == null) {
        continue;
      }
      StackRecord stack = record.get();
      if (stack.deleted() && stack.deletionTime != null
          && StackRecord.time(stack.deletionTime).plus(DELETED_RETENTION).isBefore(now)) {
        store.delete(DIR + "/" + file);
        continue;
      }
      byId.put(stack.stackId, stack);
      loaded.add(stack);
    }
    return loaded;
  }

  void save(StackRecord stack) {
    synchronized (stack) {
      try {
        store.writeJson(DIR + "/" + stack.uuid() + ".json", stack);
      } catch (RuntimeException e) {
        // The operation goes on in memory; the next save retries the write.
        LOG.log(Level.WARNING, "Cannot save stack " + stack.stackName, e);
      }
    }
  }

  void add(StackRecord stack) {
    byId.put(stack.stackId, stack);
    save(stack);
  }

  /** The live (not deleted) stack of that name. */
  Optional<StackRecord> liveByName(String name) {
    return byId.values().stream().filter(s -> s.stackName.equals(name) && !s.deleted()).findFirst();
  }

  Optional<StackRecord> byId(String stackId) {
    return Optional.ofNullable(byId.get(stackId));
  }

  /**
   * A stack by name (live stacks only) or by stack id (deleted ones too), as AWS resolves the
   * StackName parameter.
   */
  Optional<StackRecord> find(String nameOrId) {
    if (nameOrId == null) {
      return Optional.empty();
    }
    if (nameOrId.startsWith("arn:")) {
      return byId(nameOrId);
    }
    return liveByName(nameOrId);
  }

  /** Every stack, deleted ones included, newest first. */
  List<StackRecord> all() {
    List<StackRecord> list = new ArrayList<>(byId.values());
    list.sort(Comparator.comparing((StackRecord s) -> s.creationTime).reversed().thenComparing(s -> s.stackId));
    return list;
  }

  List<StackRecord> live() {
    return all().stream().filter(s -> !s.deleted()).toList();
  }
}
