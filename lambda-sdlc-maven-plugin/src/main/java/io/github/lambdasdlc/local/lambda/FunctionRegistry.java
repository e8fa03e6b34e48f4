package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.StateStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Every function of the local cloud, in memory and on disk. All reads and changes happen under one lock
 * (they are short: code is checked and stored before the lock is taken), and every change is written
 * through to the state directory before the lock is released, so what a client was told is on disk.
 */
final class FunctionRegistry {
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<String, FunctionRecord> functions = new TreeMap<>();
  private final FunctionStore functionStore;
  private final CodeStore codeStore;

  FunctionRegistry(StateStore store) {
    this.functionStore = new FunctionStore(store);
    this.codeStore = new CodeStore(store);
    for (FunctionRecord r : functionStore.loadAll()) {
      functions.put(r.name, r);
    }
  }

  CodeStore code() {
    return codeStore;
  }

  <T> T locked(Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  void locked(Runnable action) {
    locked(() -> {
      action.run();
      return null;
    });
  }

  /** The function, or null. Call under the lock. */
  FunctionRecord get(String name) {
    return functions.get(name);
  }

  /** Every function in name order. Call under the lock. */
  List<FunctionRecord> all() {
    return new ArrayList<>(functions.values());
  }

  /** Records a new or changed function and writes it. Call under the lock. */
  void save(FunctionRecord record) {
    functionStore.save(record);
    functions.put(record.name, record);
  }

  /** Forgets a function and removes the code no other version uses. Call under the lock. */
  void remove(String name) {
    functions.remove(name);
    functionStore.delete(name);
    collectCode();
  }

  /** Removes stored zips that no version of any function (nor an in-progress snapshot) uses. */
  void collectCode() {
    Set<String> inUse = new HashSet<>();
    for (FunctionRecord r : functions.values()) {
      inUse.add(r.latest.codeSha256);
      if (r.previousLatest != null) {
        inUse.add(r.previousLatest.codeSha256);
      }
      r.versions.values().forEach(v -> inUse.add(v.codeSha256));
    }
    codeStore.retainOnly(inUse);
  }

  /**
   * The version a qualifier names: null or {@code $LATEST}, a version number, or an alias (its primary
   * version). Null when there is none. Call under the lock.
   */
  static FunctionVersion resolve(FunctionRecord r, String qualifier) {
    if (qualifier == null || "$LATEST".equals(qualifier)) {
      return r.latest;
    }
    if (qualifier.matches("[0-9]+")) {
      try {
        return r.versions.get(Integer.parseInt(qualifier));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    AliasRecord alias = r.aliases.get(qualifier);
    return alias == null ? null : resolve(r, alias.functionVersion);
  }
}
