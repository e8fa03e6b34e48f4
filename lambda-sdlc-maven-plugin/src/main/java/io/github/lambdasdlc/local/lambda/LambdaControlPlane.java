package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Lambda's control plane: functions, versions, aliases and account settings, with AWS's checks, states
 * and errors. Requests and results are the JSON documents of the REST API; HTTP is {@link LambdaRoutes}'
 * concern.
 */
final class LambdaControlPlane {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
  /** AWS's default account quotas, as GetAccountSettings reports them for a new account. */
  static final long TOTAL_CODE_SIZE_LIMIT = 80_530_636_800L;
  static final int CONCURRENT_EXECUTIONS = 1000;

  private final LocalContext context;
  private final FunctionRegistry registry;
  private final StateTransitions transitions;
  private final ConfigurationView view;
  private final Consumer<String> onFunctionDeleted;

  LambdaControlPlane(LocalContext context, FunctionRegistry registry, StateTransitions transitions,
      Consumer<String> onFunctionDeleted) {
    this.context = context;
    this.registry = registry;
    this.transitions = transitions;
    this.view = new ConfigurationView(context);
    this.onFunctionDeleted = onFunctionDeleted;
  }

  // ---------------------------------------------------------------- functions

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
        shown = publishFrom(r, null);
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
        code.put("Location", codeBaseUrl + LambdaRoutes.CODE_DOWNLOAD_PREFIX + CodeStore.hex(v.codeSha256) + ".zip");
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

  // ---------------------------------------------------------------- versions

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

  // ---------------------------------------------------------------- aliases

  ObjectNode createAlias(FunctionRef ref, ObjectNode req) {
    requireUnqualified(ref);
    String name = aliasName(req.get("Name"));
    if (!ConfigurationValidator.has(req, "FunctionVersion")) {
      throw ConfigurationValidator.missing("functionVersion");
    }
    String target = versionNumber(req.get("FunctionVersion").asText(), "functionVersion");
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      AliasRecord a = new AliasRecord();
      a.name = name;
      a.functionVersion = target;
      a.description = description(req);
      a.additionalVersionWeights = routing(r, target, req.get("RoutingConfig"));
      requireVersion(r, target);
      if (r.aliases.containsKey(name)) {
        throw LambdaErrors.conflict("Alias already exists: " + aliasArn(r.name, name));
      }
      a.revisionId = newRevision();
      r.aliases.put(name, a);
      registry.save(r);
      return view.alias(r.name, a);
    });
  }

  ObjectNode getAlias(FunctionRef ref, String aliasName) {
    return registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      AliasRecord a = r.aliases.get(aliasName);
      if (a == null) {
        throw LambdaErrors.notFound("Cannot find alias arn: " + aliasArn(r.name, aliasName));
      }
      return view.alias(r.name, a);
    });
  }

  ObjectNode updateAlias(FunctionRef ref, String aliasName, ObjectNode req) {
    return registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      AliasRecord current = r.aliases.get(aliasName);
      if (current == null) {
        throw LambdaErrors.notFound("Alias not found: " + aliasArn(r.name, aliasName));
      }
      checkRevision(req, current.revisionId);
      AliasRecord a = current.copy();
      if (ConfigurationValidator.has(req, "FunctionVersion")) {
        a.functionVersion = versionNumber(req.get("FunctionVersion").asText(), "functionVersion");
        requireVersion(r, a.functionVersion);
      }
      if (req.has("Description")) {
        a.description = description(req);
      }
      if (req.has("RoutingConfig")) {
        a.additionalVersionWeights = routing(r, a.functionVersion, req.get("RoutingConfig"));
      } else if (a.additionalVersionWeights != null) {
        a.additionalVersionWeights = routing(r, a.functionVersion,
            Json.MAPPER.valueToTree(Map.of("AdditionalVersionWeights", a.additionalVersionWeights)));
      }
      a.revisionId = newRevision();
      r.aliases.put(aliasName, a);
      registry.save(r);
      return view.alias(r.name, a);
    });
  }

  void deleteAlias(FunctionRef ref, String aliasName) {
    registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      // Deleting an alias that does not exist succeeds, as on AWS.
      if (r.aliases.remove(aliasName) != null) {
        r.eventInvokeConfigs.remove(aliasName);
        r.functionUrls.remove(aliasName); // the alias' function URL goes with it, as on AWS
        registry.save(r);
      }
    });
  }

  ObjectNode listAliases(FunctionRef ref, String functionVersion, String marker, Integer maxItems) {
    List<ObjectNode> items = registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      return r.aliases.values().stream()
          .filter(a -> functionVersion == null || functionVersion.equals(a.functionVersion))
          .map(a -> view.alias(r.name, a)).toList();
    });
    return Paging.page(new ArrayList<>(items), marker, maxItems, "Aliases");
  }

  // ---------------------------------------------------------------- account

  ObjectNode getAccountSettings() {
    long[] usage = registry.locked(() -> {
      long total = 0;
      long count = 0;
      for (FunctionRecord r : registry.all()) {
        count++;
        total += r.latest.codeSize;
        for (FunctionVersion v : r.versions.values()) {
          total += v.codeSize;
        }
      }
      return new long[] {total, count};
    });
    ObjectNode out = Json.MAPPER.createObjectNode();
    ObjectNode limit = out.putObject("AccountLimit");
    limit.put("TotalCodeSize", TOTAL_CODE_SIZE_LIMIT);
    limit.put("CodeSizeUnzipped", io.github.lambdasdlc.local.lambda.code.CodeArchive.MAX_UNZIPPED_BYTES);
    limit.put("CodeSizeZipped", io.github.lambdasdlc.local.lambda.code.CodeArchive.MAX_ZIPPED_BYTES);
    limit.put("ConcurrentExecutions", CONCURRENT_EXECUTIONS);
    limit.put("UnreservedConcurrentExecutions", CONCURRENT_EXECUTIONS);
    ObjectNode use = out.putObject("AccountUsage");
    use.put("TotalCodeSize", usage[0]);
    use.put("FunctionCount", usage[1]);
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private FunctionRecord existing(FunctionRef ref) {
    FunctionRecord r = registry.get(ref.name());
    if (r == null) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return r;
  }

  private FunctionVersion version(FunctionRecord r, FunctionRef ref) {
    FunctionVersion v = FunctionRegistry.resolve(r, ref.qualifier());
    if (v == null) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return v;
  }

  /** A version's configuration as Get* shows it: named through an alias, the ARN carries the alias. */
  private ObjectNode configurationFor(FunctionRecord r, FunctionVersion v, FunctionRef ref) {
    ObjectNode n = view.configuration(r.name, v, false, false);
    if (ref.qualifier() != null && r.aliases.containsKey(ref.qualifier())) {
      n.put("FunctionArn", aliasArn(r.name, ref.qualifier()));
    }
    return n;
  }

  private static void requireUnqualified(FunctionRef ref) {
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalid("This operation is permitted on Lambda functions only. Aliases and versions do not"
          + " support this operation. Please specify either a function name or an unqualified function ARN.");
    }
  }

  private void checkUpdatable(FunctionRecord r) {
    String arn = FunctionRef.arn(context, r.name);
    if ("Pending".equals(r.latest.state)) {
      throw LambdaErrors.stillPending(arn);
    }
    if ("InProgress".equals(r.latest.lastUpdateStatus)) {
      throw LambdaErrors.updateInProgress(arn);
    }
  }

  private static void checkRevision(ObjectNode req, String current) {
    if (ConfigurationValidator.has(req, "RevisionId") && !req.get("RevisionId").asText().equals(current)) {
      throw LambdaErrors.revisionMismatch();
    }
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
      shown = publishFrom(r, null);
    }
    registry.save(r);
    registry.collectCode();
    transitions.schedule(r.name);
    return view.configuration(r.name, shown, false, false);
  }

  /** Publishes $LATEST as the next version number (the caller saves). */
  private FunctionVersion publishFrom(FunctionRecord r, String description) {
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

  private String aliasArn(String functionName, String alias) {
    return FunctionRef.arn(context, functionName) + ":" + alias;
  }

  private static String aliasName(JsonNode node) {
    if (node == null || node.isNull()) {
      throw ConfigurationValidator.missing("name");
    }
    String name = node.asText();
    if (name.isEmpty() || name.length() > 128) {
      throw LambdaErrors.validation("'" + name + "'", "name", name.isEmpty()
          ? "Member must have length greater than or equal to 1" : "Member must have length less than or equal to 128");
    }
    if (!name.matches("[a-zA-Z0-9\\-_]+") || name.matches("[0-9]+")) {
      throw LambdaErrors.validation("'" + name + "'", "name",
          "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)");
    }
    return name;
  }

  private static String versionNumber(String version, String member) {
    if (!version.matches("\\$LATEST|[0-9]+")) {
      throw LambdaErrors.validation("'" + version + "'", member,
          "Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)");
    }
    return version;
  }

  private void requireVersion(FunctionRecord r, String version) {
    if (!"$LATEST".equals(version) && FunctionRegistry.resolve(r, version) == null) {
      throw LambdaErrors.functionNotFound(FunctionRef.arn(context, r.name) + ":" + version);
    }
  }

  private Map<String, Double> routing(FunctionRecord r, String target, JsonNode routingConfig) {
    if (routingConfig == null || routingConfig.isNull()) {
      return null;
    }
    JsonNode weights = routingConfig.get("AdditionalVersionWeights");
    if (weights == null || weights.isNull() || weights.size() == 0) {
      return null;
    }
    Map<String, Double> out = new LinkedHashMap<>();
    weights.properties().iterator().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
    String shown = out.toString();
    for (Map.Entry<String, Double> e : out.entrySet()) {
      if (!e.getKey().matches("[0-9]+")) {
        throw LambdaErrors.validation("'" + shown + "'", "routingConfig.additionalVersionWeights",
            "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have"
                + " length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]");
      }
      if (e.getValue() < 0.0 || e.getValue() > 1.0) {
        throw LambdaErrors.validation("'" + shown + "'", "routingConfig.additionalVersionWeights",
            "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have"
                + " value greater than or equal to 0.0, Member must not be null]");
      }
    }
    if (out.size() > 1) {
      throw LambdaErrors.invalid("Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    String extra = out.keySet().iterator().next();
    if (extra.equals(target)) {
      throw LambdaErrors.invalid("Invalid function version " + target + ". Function version " + target
          + " is already included in routing configuration.");
    }
    if ("$LATEST".equals(target)) {
      throw LambdaErrors.invalid("$LATEST is not supported for an alias pointing to more than 1 version");
    }
    requireVersion(r, extra);
    return out;
  }

  private static String description(ObjectNode req) {
    if (!ConfigurationValidator.has(req, "Description")) {
      return "";
    }
    String d = req.get("Description").asText();
    if (d.length() > 256) {
      throw LambdaErrors.validation("'" + d + "'", "description", "Member must have length less than or equal to 256");
    }
    return d;
  }

  private static Map<String, String> tags(JsonNode node) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (node != null && node.isObject()) {
      node.properties().iterator().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
    }
    return tags;
  }

  private String now() {
    return LAST_MODIFIED.format(context.clock().instant());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(context.clock().instant(), ZoneOffset.UTC);
  }

  private static String newRevision() {
    return UUID.randomUUID().toString();
  }

}
