package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's alias operations: create, get, update, delete, list, with the validation of names, target
 * versions and weighted routing ({@code RoutingConfig.AdditionalVersionWeights}) as AWS words it.
 */
final class LambdaAliases extends ControlPlanePart {

  LambdaAliases(LocalContext context, FunctionRegistry registry, ConfigurationView view) {
    super(context, registry, view);
  }

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
}
