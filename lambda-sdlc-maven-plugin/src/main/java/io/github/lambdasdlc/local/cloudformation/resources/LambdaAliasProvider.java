package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.util.Set;

/** {@code AWS::Lambda::Alias}: CreateAlias, UpdateAlias, DeleteAlias. Ref and GetAtt AliasArn are the alias ARN. */
public final class LambdaAliasProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Lambda::Alias";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("FunctionName", "Name");
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    String function = Props.requiredText(ctx.logicalId(), props, "FunctionName");
    String name = Props.requiredText(ctx.logicalId(), props, "Name");
    Props.requiredText(ctx.logicalId(), props, "FunctionVersion");
    refuseUnsupported(props);
    ObjectNode request = body(props);
    request.put("Name", name);
    ObjectNode alias;
    try {
      alias = ctx.lambda().createAlias(function, request);
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    String arn = alias.path("AliasArn").asText();
    ResourceState state = ResourceState.of(arn, arn).withAttribute("AliasArn", arn);
    state.data().put("function", function);
    state.data().put("name", name);
    return state;
  }

  private static void refuseUnsupported(JsonNode props) {
    if (props.has("ProvisionedConcurrencyConfig")) {
      throw ResourceFailure.handler("ProvisionedConcurrencyConfig is not supported by the lambda-sdlc local cloud",
          "InvalidRequest");
    }
  }

  /** The mutable part of the alias, with the values that clear what the template no longer sets. */
  private static ObjectNode body(JsonNode props) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("FunctionVersion", props.path("FunctionVersion").asText());
    request.put("Description", props.path("Description").asText(""));
    if (props.hasNonNull("RoutingConfig")) {
      request.set("RoutingConfig", props.get("RoutingConfig"));
    } else {
      request.set("RoutingConfig", Json.MAPPER.createObjectNode().set("AdditionalVersionWeights",
          Json.MAPPER.createObjectNode()));
    }
    return request;
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    Props.requiredText(ctx.logicalId(), newProps, "FunctionVersion");
    refuseUnsupported(newProps);
    try {
      ctx.lambda().updateAlias(current.data().path("function").asText(), current.data().path("name").asText(),
          body(newProps));
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    try {
      ctx.lambda().deleteAlias(state.data().path("function").asText(), state.data().path("name").asText());
    } catch (AwsError e) {
      if (e.status() != 404) {
        throw ResourceFailure.fromLambda(e);
      }
    }
  }
}
