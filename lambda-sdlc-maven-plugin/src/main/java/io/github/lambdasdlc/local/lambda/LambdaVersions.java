package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.LocalContext;
import java.util.ArrayList;
import java.util.List;

/** Lambda's version operations: PublishVersion and ListVersionsByFunction, and publishing for the others. */
final class LambdaVersions extends ControlPlanePart {

  LambdaVersions(LocalContext context, FunctionRegistry registry, ConfigurationView view) {
    super(context, registry, view);
  }

  ObjectNode publishVersion(FunctionRef ref, ObjectNode req) {
    requireUnqualified(ref);
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      checkUpdatable(r);
      checkRevision(req, r.latest.revisionId);
      if (ConfigurationValidator.has(req, "CodeSha256")) {
        String sha = req.get("CodeSha256").asText();
        if (!sha.equals(r.latest.codeSha256)) {
          throw LambdaErrors.invalid("CodeSHA256 (" + sha + ") is different from current CodeSHA256 in $LATEST ("
              + r.latest.codeSha256 + "). Please try again with the CodeSHA256 in $LATEST.");
        }
      }
      String description = ConfigurationValidator.has(req, "Description") ? req.get("Description").asText() : null;
      if (description != null && description.length() > 256) {
        throw LambdaErrors.validation("'" + description + "'", "description",
            "Member must have length less than or equal to 256");
      }
      // Nothing changed since the newest version: AWS answers with that version instead of a new one.
      if (!r.versions.isEmpty() && r.versions.lastEntry().getValue().sameCodeAndConfiguration(r.latest)) {
        return view.configuration(r.name, r.versions.lastEntry().getValue(), false, false);
      }
      FunctionVersion v = publishFrom(r, description);
      registry.save(r);
      return view.configuration(r.name, v, false, false);
    });
  }

  ObjectNode listVersionsByFunction(FunctionRef ref, String marker, Integer maxItems) {
    List<ObjectNode> items = registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      List<ObjectNode> list = new ArrayList<>();
      list.add(view.configuration(r.name, r.latest, true, true));
      r.versions.values().forEach(v -> list.add(view.configuration(r.name, v, true, true)));
      return list;
    });
    return Paging.page(items, marker, maxItems, "Versions");
  }

  /** Publishes $LATEST as the next version number (the caller saves). */
  FunctionVersion publishFrom(FunctionRecord r, String description) {
    FunctionVersion v = r.latest.copy();
    v.version = String.valueOf(r.nextVersion++);
    if (description != null) {
      v.description = description;
    }
    v.lastModified = now();
    v.revisionId = newRevision();
    if (!r.latest.transitional()) {
      StateTransitions.markSettled(v);
    }
    r.versions.put(Integer.valueOf(v.version), v);
    return v;
  }
}
