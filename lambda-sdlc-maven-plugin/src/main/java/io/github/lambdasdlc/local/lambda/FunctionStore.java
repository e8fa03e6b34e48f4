package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.StateStore;
import java.util.ArrayList;
import java.util.List;

/** Each function's {@link FunctionRecord} as one JSON file under {@code lambda/functions/}. */
final class FunctionStore {
  private static final String DIR = "lambda/functions";
  private final StateStore store;

  FunctionStore(StateStore store) {
    this.store = store;
  }

  List<FunctionRecord> loadAll() {
    List<FunctionRecord> records = new ArrayList<>();
    for (String file : store.list(DIR)) {
      if (file.endsWith(".json")) {
        store.readJson(DIR + "/" + file, FunctionRecord.class).ifPresent(records::add);
      }
    }
    return records;
  }

  void save(FunctionRecord record) {
    store.writeJson(file(record.name), record);
  }

  void delete(String name) {
    store.delete(file(name));
  }

  private static String file(String name) {
    // Function names are [a-zA-Z0-9-_]+, safe as file names.
    return DIR + "/" + name + ".json";
  }
}
