package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Lambda's function operations: create, get, update configuration and code, delete (a function or one of
 * its versions), list; with AWS's checks, asynchronous states and errors. Requests and results are the JSON
 * documents of the REST API; HTTP is {@link LambdaOperations}' concern.
 */
final class LambdaFunctions extends ControlPlanePart {
  private final StateTransitions transitions;
  private final LambdaVersions versions;
  private final Consumer<String> onFunctionDeleted;

  LambdaFunctions(LocalContext context, FunctionRegistry registry, ConfigurationView view,
      StateTransitions transitions, LambdaVersions versions, Consumer<String> onFunctionDeleted) {
    super(context, registry, view);
    this.transitions = transitions;
    this.versions = versions;
    this.onFunctionDeleted = onFunctionDeleted;
  }

  ObjectNode createFunction(ObjectNode req) {
    if (!ConfigurationValidator.has(req, "FunctionName")) {
      throw ConfigurationValidator.missing("functionName");
    }
    String rawName = ConfigurationValidator.text(req, "FunctionName");
    FunctionRef ref = FunctionRef.parse(rawName, null, Shape.FUNCTION_NAME, context);
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalid("A function name with a qualifier cannot be created: give the name or an"
          + " unqualified ARN, not " + rawName);
    }
    if (ref.name().length() > 64) {
      throw LambdaErrors.invalid("1 validation error detected: Value '" + ref.name() + "' at 'functionName' failed to"
          + " satisfy constraint: Member must have length less than or equal to 64");
    }
    if (ConfigurationValidator.has(req, "PackageType") && !"Zip".equals(req.get("PackageType").asText())) {
      throw LambdaErrors.invalid("The local cloud runs only .zip functions: PackageType "
          + req.get("PackageType").asText() + " is not supported.");
    }
    FunctionVersion v = new FunctionVersion();
    v.version = "$LATEST";
    v.role = ConfigurationValidator.role(req.get("Role"));
    UploadedCode code = UploadedCode.from(req.get("Code"));
    ConfigurationValidator.apply(req, v);
    ConfigurationValidator.checkComplete(v);
    RuntimePolicy.checkCreate(v.runtime, today());
    if (ConfigurationValidator.has(req, "Architectures")) {
      v.architecture = ConfigurationValidator.architecture(req.get("Architectures"));
    }
    if (v.logGroup == null) {
      v.logGroup = "/aws/lambda/" + ref.name();
    }
    Map<String, String> tags = tags(req.get("Tags"));
    boolean publish = req.path("Publish").asBoolean(false);
    return registry.locked(() -> {
      if (registry.get(ref.name()) != null) {
        throw LambdaErrors.conflict("Function already exist: " + ref.name());
      }
      // Stored under the lock: a code collection running meanwhile would take an unreferenced zip away.
      registry.code().put(code.summary().codeSha256(), code.zip());
      v.codeSha256 = code.summary().codeSha256();
      v.codeSize = code.summary().codeSize();
      v.lastModified = now();
      v.revisionId = newRevision();
      StateTransitions.markPending(v);
      FunctionRecord r = new FunctionRecord();
      r.name = ref.name();
      r.latest = v;
      r.tags = tags;
      FunctionVersion shown = v;
      if (publish) {
        shown = versions.publishFrom(r, null);
      }
      registry.save(r);
      transitions.schedule(r.name);
      // With Publish, AWS answers with version 1's configuration under the unqualified ARN.
      ObjectNode out = view.configuration(r.name, shown, false, false);
      out.put("FunctionArn", FunctionRef.arn(context, r.name));
      return out;
    });
  }

  ObjectNode getFunction(FunctionRef ref, String codeBaseUrl) {
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      FunctionVersion v = version(r, ref);
      ObjectNode out = Json.MAPPER.createObjectNode();
      out.set("Configuration", configurationFor(r, v, ref));
      ObjectNode code = out.putObject("Code");
      code.put("RepositoryType", "S3");
      if (codeBaseUrl != null) {
        code.put("Location", CodeStore.downloadUrl(codeBaseUrl, v.codeSha256));
      }
      if (!r.tags.isEmpty()) {
        ObjectNode tags = out.putObject("Tags");
        r.tags.forEach(tags::put);
      }
      return out;
    });
  }

  ObjectNode getFunctionConfiguration(FunctionRef ref) {
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      return configurationFor(r, version(r, ref), ref);
    });
  }

  ObjectNode updateFunctionConfiguration(FunctionRef ref, ObjectNode req) {
    requireUnqualified(ref);
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      checkUpdatable(r);
      checkRevision(req, r.latest.revisionId);
      FunctionVersion next = r.latest.copy();
      ConfigurationValidator.apply(req, next);
      ConfigurationValidator.checkComplete(next);
      if (ConfigurationValidator.has(req, "Runtime")) {
        // As on AWS: a configuration change that leaves the runtime out still works on a blocked runtime.
        RuntimePolicy.checkUpdate(next.runtime, today());
      }
      return beginUpdate(r, next, false);
    });
  }

  ObjectNode updateFunctionCode(FunctionRef ref, ObjectNode req) {
    requireUnqualified(ref);
    UploadedCode code = UploadedCode.from(req);
    String architecture = ConfigurationValidator.has(req, "Architectures")
        ? ConfigurationValidator.architecture(req.get("Architectures")) : null;
    boolean dryRun = req.path("DryRun").asBoolean(false);
    boolean publish = req.path("Publish").asBoolean(false);
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      checkUpdatable(r);
      checkRevision(req, r.latest.revisionId);
      RuntimePolicy.checkUpdate(r.latest.runtime, today());
      FunctionVersion next = r.latest.copy();
      next.codeSha256 = code.summary().codeSha256();
      next.codeSize = code.summary().codeSize();
      if (architecture != null) {
        next.architecture = architecture;
      }
      if (dryRun) {
        return view.configuration(r.name, next, false, false);
      }
      registry.code().put(code.summary().codeSha256(), code.zip());
      return beginUpdate(r, next, publish);
    });
  }

  void deleteFunction(FunctionRef ref) {
    String arn = ref.unqualifiedArn(context);
    boolean deleted = registry.locked(() -> {
      FunctionRecord r = registry.get(ref.name());
      if (r == null) {
        throw LambdaErrors.functionNotFound(arn);
      }
      if (ref.qualifier() == null) {
        registry.remove(r.name);
        return true;
      }
      if ("$LATEST".equals(ref.qualifier())) {
        throw LambdaErrors.invalid("$LATEST version cannot be deleted without deleting the function.");
      }
      Integer number = ref.qualifier().matches("[0-9]{1,9}") ? Integer.valueOf(ref.qualifier()) : null;
      if (number == null || !r.versions.containsKey(number)) {
        throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
      }
      List<String> pointing = r.aliases.values().stream()
          .filter(a -> a.functionVersion.equals(ref.qualifier())
              || (a.additionalVersionWeights != null && a.additionalVersionWeights.containsKey(ref.qualifier())))
          .map(a -> a.name).toList();
      if (!pointing.isEmpty()) {
        throw LambdaErrors.conflict("Unable to delete version because the following aliases reference it: "
            + pointing);
      }
      r.versions.remove(number);
      r.eventInvokeConfigs.remove(number.toString());
      registry.save(r);
      registry.collectCode();
      return false;
    });
    if (deleted) {
      onFunctionDeleted.accept(arn);
    }
  }

  ObjectNode listFunctions(String functionVersion, String marker, Integer maxItems) {
    if (functionVersion != null && !"ALL".equals(functionVersion)) {
      throw LambdaErrors.validation("'" + functionVersion + "'", "functionVersion",
          "Member must satisfy enum value set: [ALL]");
    }
    boolean all = functionVersion != null;
    List<ObjectNode> items = registry.locked(() -> {
      List<ObjectNode> list = new ArrayList<>();
      for (FunctionRecord r : registry.all()) {
        list.add(view.configuration(r.name, r.latest, all, true));
        if (all) {
          r.versions.values().forEach(v -> list.add(view.configuration(r.name, v, true, true)));
        }
      }
      return list;
    });
    return Paging.page(items, marker, maxItems, "Functions");
  }

  /** A version's configuration as Get* shows it: named through an alias, the ARN carries the alias. */
  private ObjectNode configurationFor(FunctionRecord r, FunctionVersion v, FunctionRef ref) {
    ObjectNode n = view.configuration(r.name, v, false, false);
    if (ref.qualifier() != null && r.aliases.containsKey(ref.qualifier())) {
      n.put("FunctionArn", aliasArn(r.name, ref.qualifier()));
    }
    return n;
  }

  /** Makes {@code next} the new $LATEST, InProgress until the scheduled transition settles it. */
  private ObjectNode beginUpdate(FunctionRecord r, FunctionVersion next, boolean publish) {
    r.previousLatest = r.latest.copy();
    next.lastModified = now();
    next.revisionId = newRevision();
    StateTransitions.markInProgress(next);
    r.latest = next;
    FunctionVersion shown = next;
    if (publish) {
      shown = versions.publishFrom(r, null);
    }
    registry.save(r);
    registry.collectCode();
    transitions.schedule(r.name);
    return view.configuration(r.name, shown, false, false);
  }

  private static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().iterator().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return tags;
  }

  private LocalDate today() {
    return LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
  }
}
