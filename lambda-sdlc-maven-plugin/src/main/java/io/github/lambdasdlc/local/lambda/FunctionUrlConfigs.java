package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalContext;
import java.net.URI;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Lambda's function URL API ({@code /2021-10-31/functions/{name}/url} and {@code .../urls}): one URL per
 * function and per alias, with its auth type ({@code NONE} or {@code AWS_IAM}), its CORS settings and its
 * invoke mode. Stored with the function, so they survive restarts and go with the function or the alias.
 * Each URL is served by the {@link FunctionUrlFront} on a loopback port of its own, kept across restarts.
 */
final class FunctionUrlConfigs {
  /** The qualifier key of a URL of the unqualified function. */
  static final String UNQUALIFIED = "$LATEST";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  /** FunctionUrlQualifier of the model (an alias name, never a version number), and $LATEST as AWS accepts it. */
  private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|(?!\\d+$)[0-9a-zA-Z-_]{1,128}");
  private static final String QUALIFIER_PATTERN = "(^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))";
  private static final String NO_CONFIG = "The resource you requested does not exist.";
  private static final char[] ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  private final LocalContext context;
  private final FunctionRegistry registry;
  private final SecureRandom random = new SecureRandom();
  /** The URL ids the front serves now. Guarded by the registry's lock. */
  private final Set<String> served = new HashSet<>();
  private volatile FunctionUrlFront front;

  FunctionUrlConfigs(LocalContext context, FunctionRegistry registry) {
    this.context = context;
    this.registry = registry;
  }

  /**
   * Installs the HTTP front and has it serve every stored URL, on its former port when that is still free (a
   * URL whose port was taken meanwhile gets a new one, stored and logged by the front).
   */
  void attach(FunctionUrlFront newFront) {
    this.front = newFront;
    registry.locked(() -> {
      for (FunctionRecord r : registry.all()) {
        boolean changed = false;
        for (FunctionUrlRecord url : r.functionUrls.values()) {
          URI address = newFront.serve(url.urlId, url.port);
          served.add(url.urlId);
          if (address.getPort() != url.port) {
            url.port = address.getPort();
            url.functionUrl = address.toString();
            changed = true;
          }
        }
        if (changed) {
          registry.save(r);
        }
      }
    });
  }

  ObjectNode create(FunctionRef ref, ObjectNode body) {
    String authType = authType(body.get("AuthType"), true);
    String invokeMode = invokeMode(body.get("InvokeMode"));
    ObjectNode cors = cors(body.get("Cors"));
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = key(r, ref);
      FunctionUrlRecord current = r.functionUrls.get(key);
      if (current != null) {
        throw LambdaErrors.conflict("Failed to create function url config for [functionArn = " + arn(r, key)
            + "]. Error message:  FunctionUrlConfig exists for this Lambda function");
      }
      FunctionUrlFront serving = front;
      if (serving == null) {
        throw LambdaErrors.service("This Lambda serves no function URLs: it runs without the local cloud's HTTP front.");
      }
      FunctionUrlRecord url = new FunctionUrlRecord();
      url.urlId = newId();
      URI address = serving.serve(url.urlId, 0);
      served.add(url.urlId);
      url.port = address.getPort();
      url.functionUrl = address.toString();
      url.authType = authType;
      url.cors = cors;
      url.invokeMode = invokeMode == null ? "BUFFERED" : invokeMode;
      url.creationTime = now();
      url.lastModifiedTime = url.creationTime;
      r.functionUrls.put(key, url);
      registry.save(r);
      ObjectNode out = view(r, key, url);
      out.remove("LastModifiedTime"); // CreateFunctionUrlConfig's answer has none
      return out;
    });
  }

  ObjectNode get(FunctionRef ref) {
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = key(r, ref);
      return view(r, key, configured(r, key));
    });
  }

  ObjectNode update(FunctionRef ref, ObjectNode body) {
    String authType = authType(body.get("AuthType"), false);
    String invokeMode = invokeMode(body.get("InvokeMode"));
    ObjectNode cors = body.has("Cors") ? cors(body.get("Cors")) : null;
    return registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = key(r, ref);
      FunctionUrlRecord url = configured(r, key);
      if (authType != null) {
        url.authType = authType;
      }
      if (invokeMode != null) {
        url.invokeMode = invokeMode;
      }
      if (body.has("Cors")) {
        url.cors = cors;
      }
      url.lastModifiedTime = now();
      registry.save(r);
      return view(r, key, url);
    });
  }

  void delete(FunctionRef ref) {
    registry.locked(() -> {
      FunctionRecord r = existing(ref);
      String key = key(r, ref);
      configured(r, key);
      r.functionUrls.remove(key);
      registry.save(r);
      reconcile();
    });
  }

  ObjectNode list(FunctionRef ref, String marker, Integer maxItems) {
    if (maxItems != null && maxItems > 50) {
      throw LambdaErrors.validation("'" + maxItems + "'", "maxItems", "Member must have value less than or equal to 50");
    }
    List<ObjectNode> items = registry.locked(() -> {
      FunctionRecord r = existing(new FunctionRef(ref.name(), null));
      List<ObjectNode> all = new ArrayList<>();
      for (Map.Entry<String, FunctionUrlRecord> e : r.functionUrls.entrySet()) {
        all.add(view(r, e.getKey(), e.getValue()));
      }
      return all;
    });
    return Paging.page(items, marker, maxItems, "FunctionUrlConfigs");
  }

  /** Every function URL: the ARN it invokes (qualified for an alias) to the URL, in name order. */
  Map<String, String> all() {
    return registry.locked(() -> {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      for (FunctionRecord r : registry.all()) {
        r.functionUrls.forEach((key, url) -> out.put(arn(r, key), url.functionUrl));
      }
      return out;
    });
  }

  /** The URL with this id, as the front needs it to answer a request; empty once it is deleted. */
  Optional<FunctionUrlTarget> target(String urlId) {
    return registry.locked(() -> {
      for (FunctionRecord r : registry.all()) {
        for (Map.Entry<String, FunctionUrlRecord> e : r.functionUrls.entrySet()) {
          FunctionUrlRecord url = e.getValue();
          if (url.urlId.equals(urlId)) {
            return Optional.of(new FunctionUrlTarget(urlId, r.name,
                UNQUALIFIED.equals(e.getKey()) ? null : e.getKey(), url.authType,
                url.cors == null ? null : url.cors.deepCopy()));
          }
        }
      }
      return Optional.empty();
    });
  }

  /**
   * Stops serving the URLs that no longer exist (their function or alias was deleted). Call under the
   * registry's lock or without it.
   */
  void reconcile() {
    FunctionUrlFront serving = front;
    registry.locked(() -> {
      Set<String> existing = new HashSet<>();
      for (FunctionRecord r : registry.all()) {
        r.functionUrls.values().forEach(u -> existing.add(u.urlId));
      }
      for (String urlId : List.copyOf(served)) {
        if (!existing.contains(urlId)) {
          served.remove(urlId);
          if (serving != null) {
            serving.stop(urlId);
          }
        }
      }
    });
  }

  private FunctionRecord existing(FunctionRef ref) {
    FunctionRecord r = registry.get(ref.name());
    if (r == null) {
      throw LambdaErrors.notFound("Function does not exist");
    }
    return r;
  }

  /** The qualifier a URL belongs to: none ({@link #UNQUALIFIED}) or an alias that exists. */
  private static String key(FunctionRecord r, FunctionRef ref) {
    String q = ref.qualifier();
    if (q == null || UNQUALIFIED.equals(q)) {
      return UNQUALIFIED;
    }
    if (!QUALIFIER.matcher(q).matches()) {
      throw LambdaErrors.validation("'" + q + "'", "qualifier",
          "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
    }
    if (!r.aliases.containsKey(q)) {
      throw LambdaErrors.notFound("Function does not exist");
    }
    return q;
  }

  private static FunctionUrlRecord configured(FunctionRecord r, String key) {
    FunctionUrlRecord url = r.functionUrls.get(key);
    if (url == null) {
      throw LambdaErrors.notFound(NO_CONFIG);
    }
    return url;
  }

  private String arn(FunctionRecord r, String key) {
    return UNQUALIFIED.equals(key) ? FunctionRef.arn(context, r.name) : FunctionRef.arn(context, r.name) + ":" + key;
  }

  private ObjectNode view(FunctionRecord r, String key, FunctionUrlRecord url) {
    ObjectNode out = Json.MAPPER.createObjectNode();
    out.put("FunctionUrl", url.functionUrl);
    out.put("FunctionArn", arn(r, key));
    out.put("AuthType", url.authType);
    if (url.cors != null) {
      out.set("Cors", url.cors.deepCopy());
    }
    out.put("CreationTime", url.creationTime);
    out.put("LastModifiedTime", url.lastModifiedTime);
    out.put("InvokeMode", url.invokeMode);
    return out;
  }

  private static String authType(JsonNode node, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw LambdaErrors.validation("null", "authType", "Member must not be null");
      }
      return null;
    }
    String value = node.asText();
    if (!value.equals("NONE") && !value.equals("AWS_IAM")) {
      throw LambdaErrors.validation("'" + value + "'", "authType", "Member must satisfy enum value set: [NONE, AWS_IAM]");
    }
    return value;
  }

  private static String invokeMode(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    String value = node.asText();
    if (!value.equals("BUFFERED") && !value.equals("RESPONSE_STREAM")) {
      throw LambdaErrors.validation("'" + value + "'", "invokeMode",
          "Member must satisfy enum value set: [BUFFERED, RESPONSE_STREAM]");
    }
    if (value.equals("RESPONSE_STREAM")) {
      throw LambdaErrors.invalid("The local cloud serves function URLs in InvokeMode BUFFERED only: it does not run"
          + " response-streaming functions. Leave InvokeMode out or set it to BUFFERED.");
    }
    return value;
  }

  /** Checks a Cors structure against the model's limits; null when none was given. */
  private static ObjectNode cors(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw LambdaErrors.badJson("Cors must be an object, not " + node.getNodeType());
    }
    ObjectNode out = Json.MAPPER.createObjectNode();
    JsonNode credentials = node.get("AllowCredentials");
    if (credentials != null && !credentials.isNull()) {
      if (!credentials.isBoolean()) {
        throw LambdaErrors.badJson("Cors.AllowCredentials must be a boolean, not " + credentials);
      }
      out.put("AllowCredentials", credentials.asBoolean());
    }
    list(node, out, "AllowHeaders", "cors.allowHeaders", 100, 0, 1024);
    list(node, out, "AllowMethods", "cors.allowMethods", 6, 0, 6);
    list(node, out, "AllowOrigins", "cors.allowOrigins", 100, 1, 253);
    list(node, out, "ExposeHeaders", "cors.exposeHeaders", 100, 0, 1024);
    JsonNode maxAge = node.get("MaxAge");
    if (maxAge != null && !maxAge.isNull()) {
      if (!maxAge.isIntegralNumber()) {
        throw LambdaErrors.badJson("Cors.MaxAge must be an integer, not " + maxAge);
      }
      long value = maxAge.asLong();
      if (value < 0 || value > 86400) {
        throw LambdaErrors.validation("'" + value + "'", "cors.maxAge", value < 0
            ? "Member must have value greater than or equal to 0" : "Member must have value less than or equal to 86400");
      }
      out.put("MaxAge", (int) value);
    }
    return out;
  }

  private static void list(JsonNode cors, ObjectNode out, String field, String member, int maxItems, int minLength,
      int maxLength) {
    JsonNode items = cors.get(field);
    if (items == null || items.isNull()) {
      return;
    }
    if (!items.isArray()) {
      throw LambdaErrors.badJson("Cors." + field + " must be a list of strings");
    }
    if (items.size() > maxItems) {
      throw LambdaErrors.validation(items.toString(), member, "Member must have length less than or equal to " + maxItems);
    }
    var array = out.putArray(field);
    for (JsonNode item : items) {
      String text = item.asText();
      if (!item.isTextual() || text.length() < minLength || text.length() > maxLength) {
        throw LambdaErrors.validation(items.toString(), member, "Member must satisfy constraint: [Member must have length"
            + " less than or equal to " + maxLength + ", Member must have length greater than or equal to " + minLength
            + "]");
      }
      array.add(text);
    }
  }

  private String newId() {
    char[] id = new char[32];
    for (int i = 0; i < id.length; i++) {
      id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
    }
    return new String(id);
  }

  private String now() {
    return TIME.format(context.clock().instant());
  }
}
