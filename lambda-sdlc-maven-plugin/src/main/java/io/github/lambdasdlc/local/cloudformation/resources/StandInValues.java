package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.UUID;

/**
 * Evaluates the formats of {@link StandInTable} (see generate-standin-table.py for the placeholders) for one
 * resource. Random parts and the creation time are remembered in {@code memory}, kept with the resource, so
 * that an update gives the same identifiers again.
 */
final class StandInValues {
  /** A {@code {prop:...}} the template does not set, and no default. */
  static final class MissingProperty extends RuntimeException {
    final String property;

    MissingProperty(String property) {
      super(property, null, false, false);
      this.property = property;
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HEX = "0123456789abcdef";
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String UPPER_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String MIXED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final DateTimeFormatter STREAM_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS")
      .withZone(ZoneOffset.UTC);
  /** The regions whose S3 website endpoint is {@code s3-website-<region>}; the others use a dot. */
  private static final Set<String> DASH_WEBSITE_REGIONS = Set.of("us-east-1", "us-west-1", "us-west-2",
      "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "eu-west-1", "sa-east-1", "us-gov-west-1");

  private final ProviderContext ctx;
  private final JsonNode props;
  private final ObjectNode memory;
  private String name;
  private String id;

  StandInValues(ProviderContext ctx, JsonNode props, ObjectNode memory) {
    this.ctx = ctx;
    this.props = props;
    this.memory = memory;
  }

  StandInValues name(String name) {
    this.name = name;
    return this;
  }

  StandInValues id(String id) {
    this.id = id;
    return this;
  }

  /**
   * The value of a format: text, or a list for a format in brackets. The whole format {@code {prop:P}}
   * answers the property's own value, whatever its type.
   *
   * @param scope what the value is for (an attribute's name), so that random parts differ between attributes
   * @throws MissingProperty when it needs a property the template does not set
   */
  JsonNode value(String scope, String format) {
    if (format.startsWith("{prop:") && format.endsWith("}") && format.indexOf('{', 1) < 0
        && format.indexOf('|') < 0) {
      JsonNode v = property(format.substring(6, format.length() - 1));
      if (v == null) {
        throw new MissingProperty(format.substring(6, format.length() - 1));
      }
      return v;
    }
    if (format.startsWith("[") && format.endsWith("]")) {
      ArrayNode list = Json.MAPPER.createArrayNode();
      String inner = format.substring(1, format.length() - 1).trim();
      if (!inner.isEmpty()) {
        for (String item : inner.split(",")) {
          list.add(text(scope, item.trim()));
        }
      }
      return list;
    }
    return Json.MAPPER.getNodeFactory().textNode(text(scope, format));
  }

  /** The text of a format with its placeholders replaced. */
  String text(String scope, String format) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c != '{') {
        out.append(c);
        i++;
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < format.length(); end++) {
        if (format.charAt(end) == '{') {
          depth++;
        } else if (format.charAt(end) == '}' && --depth == 0) {
          break;
        }
      }
      out.append(placeholder(scope, format.substring(i + 1, end)));
      i = end + 1;
    }
    return out.toString();
  }

  private String placeholder(String scope, String token) {
    int colon = token.indexOf(':');
    String key = colon < 0 ? token : token.substring(0, colon);
    String arg = colon < 0 ? null : token.substring(colon + 1);
    return switch (key) {
      case "name" -> name;
      case "id" -> id;
      case "partition" -> "aws";
      case "region" -> ctx.cloud().region();
      case "account" -> ctx.cloud().accountId();
      case "stack" -> ctx.stackName();
      case "logical" -> ctx.logicalId();
      case "prop" -> prop(scope, arg);
      case "hex" -> remembered(scope, token, () -> random(HEX, Integer.parseInt(arg)));
      case "alnum" -> remembered(scope, token, () -> random(ALNUM, Integer.parseInt(arg)));
      case "ALNUM" -> remembered(scope, token, () -> random(UPPER_ALNUM, Integer.parseInt(arg)));
      case "mixed" -> remembered(scope, token, () -> random(MIXED, Integer.parseInt(arg)));
      case "digits" -> remembered(scope, token, () -> random("0123456789", Integer.parseInt(arg)));
      case "uuid" -> remembered(scope, token, () -> UUID.randomUUID().toString());
      case "ip" -> remembered(scope, token, () -> "203.0.113." + (1 + RANDOM.nextInt(254)));
      case "now" -> created().toString();
      case "streamlabel" -> STREAM_LABEL.format(created());
      case "s3website" -> DASH_WEBSITE_REGIONS.contains(ctx.cloud().region()) ? "s3-website-" + ctx.cloud().region()
          : "s3-website." + ctx.cloud().region();
      case "eventsrule" -> eventsRule();
      case "wsscheme" -> "WEBSOCKET".equalsIgnoreCase(props.path("ProtocolType").asText()) ? "wss" : "https";
      default -> throw new IllegalStateException("Unknown stand-in placeholder {" + token + "}");
    };
  }

  private String prop(String scope, String arg) {
    int bar = arg.indexOf('|');
    String path = bar < 0 ? arg : arg.substring(0, bar);
    JsonNode v = property(path);
    if (v != null && v.isValueNode()) {
      return v.asText();
    }
    if (bar >= 0) {
      return text(scope, arg.substring(bar + 1));
    }
    throw new MissingProperty(path);
  }

  /** The template's value at a dotted path, or null. */
  JsonNode property(String path) {
    JsonNode v = props;
    for (String part : path.split("\\.")) {
      v = v.get(part);
      if (v == null || v.isNull()) {
        return null;
      }
    }
    return v;
  }

  private String eventsRule() {
    String bus = props.path("EventBusName").asText("");
    int slash = bus.lastIndexOf("event-bus/");
    if (slash >= 0) {
      bus = bus.substring(slash + "event-bus/".length());
    }
    return bus.isEmpty() || bus.equals("default") ? "rule/" + name : "rule/" + bus + "/" + name;
  }

  private Instant created() {
    String at = remembered("", "created",
        () -> ctx.cloud().clock().instant().truncatedTo(ChronoUnit.MILLIS).toString());
    return Instant.parse(at);
  }

  private String remembered(String scope, String token, java.util.function.Supplier<String> make) {
    String key = scope + "/" + token;
    JsonNode known = memory.get(key);
    if (known != null) {
      return known.asText();
    }
    String value = make.get();
    memory.put(key, value);
    return value;
  }

  static String random(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  static String mixed(int length) {
    return random(MIXED, length);
  }
}
