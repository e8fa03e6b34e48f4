package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A resource of a type the local cloud does not emulate, provisioned as a stand-in: it has AWS's physical id,
 * Ref and {@code Fn::GetAtt} attributes (in AWS's formats for the common types, a generic ARN otherwise), is
 * updated, replaced and deleted as the template says, and has no service behind it. Its events say so.
 *
 * <p>Its private data keeps the generated name, the random parts of its identifiers, and the attributes it
 * cannot give a value for (with the reason), which {@code Fn::GetAtt} reports instead of inventing one.
 */
public final class StandInProvider implements ResourceProvider {
  /** How the reason of a stand-in's COMPLETE event starts (the workflow lists stand-ins by it). */
  public static final String REASON_PREFIX = "Stand-in: ";
  /** The key of {@link ResourceState#data()} listing attributes without a value, with the reason. */
  public static final String UNAVAILABLE = "unavailableAttributes";
  private static final int GENERIC_NAME_LENGTH = 128;

  private final StandInType type;

  StandInProvider(StandInType type) {
    this.type = type;
  }

  @Override
  public String type() {
    return type.type();
  }

  @Override
  public Set<String> replacementProperties() {
    return type.createOnly();
  }

  @Override
  public String nameProperty() {
    return type.formats() == null ? null : type.formats().nameProperty();
  }

  @Override
  public String completeReason() {
    return REASON_PREFIX + type.type() + " is not emulated by the lambda-sdlc local cloud: this resource has AWS's"
        + (type.formats() == null ? " identifiers in a generic format" : " identifiers and attributes")
        + " and no service behind it";
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    ObjectNode memory = Json.MAPPER.createObjectNode();
    StandInValues values = new StandInValues(ctx, props, memory);
    String name = name(ctx, props);
    values.name(name);
    String id;
    try {
      id = type.formats() == null ? genericId(ctx, name) : values.text("id", type.formats().physicalId());
    } catch (StandInValues.MissingProperty e) {
      throw ResourceFailure.invalidProperties(ctx.logicalId(), "#: required key [" + e.property + "] not found");
    }
    if (nameProperty() != null && ctx.physicalIdTaken().test(type(), id)) {
      throw ResourceFailure.alreadyExists(type(), id);
    }
    ObjectNode data = Json.MAPPER.createObjectNode();
    data.put("name", name);
    data.set("memory", memory);
    return state(ctx, props, id, data);
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    return state(ctx, newProps, current.physicalId(), current.data());
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    // Nothing exists outside the stack.
  }

  private ResourceState state(ProviderContext ctx, JsonNode props, String id, ObjectNode data) {
    JsonNode kept = data.get("memory");
    ObjectNode memory = kept instanceof ObjectNode o ? o : data.putObject("memory");
    String name = data.path("name").asText(null);
    StandInValues values = new StandInValues(ctx, props, memory).name(name).id(id);
    ObjectNode attributes = Json.MAPPER.createObjectNode();
    ObjectNode unavailable = Json.MAPPER.createObjectNode();
    String ref;
    if (type.formats() == null) {
      ref = id;
      for (String attribute : type.attributes()) {
        JsonNode v = genericAttribute(ctx, values, attribute, name, id);
        if (v != null) {
          attributes.set(attribute, v);
        } else {
          unavailable.put(attribute, "the local cloud's stand-in for " + type() + " has no value for it");
        }
      }
    } else {
      ref = values.text("ref", type.formats().ref());
      for (Map.Entry<String, String> e : type.formats().attributes().entrySet()) {
        if (e.getValue().startsWith("!")) {
          unavailable.put(e.getKey(), e.getValue().substring(1));
          continue;
        }
        try {
          attributes.set(e.getKey(), values.value(e.getKey(), e.getValue()));
        } catch (StandInValues.MissingProperty missing) {
          unavailable.put(e.getKey(), "the template does not set " + missing.property);
        }
      }
    }
    data.set(UNAVAILABLE, unavailable);
    if (type().equals(GeneratedSecret.TYPE)) {
      GeneratedSecret.keep(props, data);
    }
    return new ResourceState(id, ref, attributes, data);
  }

  /** The name the template gives, or one CloudFormation would generate in the type's style. */
  private String name(ProviderContext ctx, JsonNode props) {
    StandInType.Formats f = type.formats();
    if (f == null) {
      String primary = type.primaryIdentifier().size() == 1 ? type.primaryIdentifier().get(0) : null;
      String given = primary == null ? null : Props.text(ctx.logicalId(), props, primary);
      return given != null && !primary.endsWith("Arn") ? given : ctx.generatedName(GENERIC_NAME_LENGTH);
    }
    if (f.nameProperty() != null) {
      String given = Props.text(ctx.logicalId(), props, f.nameProperty());
      if (given != null) {
        return given;
      }
    }
    int max = f.nameMaxLength() > 0 ? f.nameMaxLength() : GENERIC_NAME_LENGTH;
    String fifo = props.path("FifoQueue").asBoolean(false) || props.path("FifoTopic").asBoolean(false) ? ".fifo" : "";
    String logical = ctx.logicalId();
    return switch (f.nameStyle()) {
      case "lower" -> ctx.generatedName(max).toLowerCase(Locale.ROOT);
      case "logical" -> shorten(logical, max - 13) + "-" + StandInValues.mixed(12);
      case "ssm" -> "CFN-" + shorten(logical, max - 17) + "-" + StandInValues.mixed(12);
      default -> ctx.generatedName(max - fifo.length()) + fifo;
    };
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  private String genericId(ProviderContext ctx, String name) {
    String primary = type.primaryIdentifier().size() == 1 ? type.primaryIdentifier().get(0) : "";
    return primary.endsWith("Arn") ? genericArn(ctx, name) : name;
  }

  /** {@code arn:aws:<service>:<region>:<account>:<resource-type>/<name>}, as most services shape theirs. */
  private String genericArn(ProviderContext ctx, String name) {
    String[] parts = type().split("::");
    String resource = parts[2].replaceAll("([A-Z]+)([A-Z][a-z])", "$1-$2")
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    return ctx.cloud().arn(parts[1].toLowerCase(Locale.ROOT), resource + "/" + name);
  }

  private JsonNode genericAttribute(ProviderContext ctx, StandInValues values, String attribute, String name,
      String id) {
    String simpleType = type().substring(type().lastIndexOf(':') + 1);
    if (type.primaryIdentifier().contains(attribute) || attribute.equals("Id") || attribute.equals(simpleType + "Id")) {
      return Json.MAPPER.getNodeFactory().textNode(id);
    }
    if (attribute.equals("Arn") || attribute.equals(simpleType + "Arn")) {
      return Json.MAPPER.getNodeFactory().textNode(id.startsWith("arn:") ? id : genericArn(ctx, name));
    }
    return values.property(attribute);
  }
}
