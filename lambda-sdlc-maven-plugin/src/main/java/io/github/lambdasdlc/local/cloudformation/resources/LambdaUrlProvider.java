package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.util.Set;

/**
 * {@code AWS::Lambda::Url}: CreateFunctionUrlConfig, UpdateFunctionUrlConfig, DeleteFunctionUrlConfig. Ref and
 * GetAtt {@code FunctionArn} are the function's ARN (with the alias when {@code Qualifier} names one); GetAtt
 * {@code FunctionUrl} is the URL the local cloud serves it at.
 */
public final class LambdaUrlProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Lambda::Url";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("TargetFunctionArn", "Qualifier");
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    String function = Props.requiredText(ctx.logicalId(), props, "TargetFunctionArn");
    Props.requiredText(ctx.logicalId(), props, "AuthType");
    String qualifier = Props.text(ctx.logicalId(), props, "Qualifier");
    ObjectNode url;
    try {
      url = ctx.lambda().createFunctionUrlConfig(function, qualifier, body(props));
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    String arn = url.path("FunctionArn").asText();
    ResourceState state = ResourceState.of(arn, arn).withAttribute("FunctionArn", arn)
        .withAttribute("FunctionUrl", url.path("FunctionUrl").asText());
    state.data().put("function", function);
    if (qualifier != null) {
      state.data().put("qualifier", qualifier);
    }
    return state;
  }

  /** The settings of the URL, with the values that clear what the template no longer sets. */
  private static ObjectNode body(JsonNode props) {
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("AuthType", props.path("AuthType").asText());
    request.put("InvokeMode", props.path("InvokeMode").asText("BUFFERED"));
    if (props.hasNonNull("Cors") && props.get("Cors").isObject()) {
      ObjectNode cors = ((ObjectNode) props.get("Cors")).deepCopy();
      // A template's values may arrive as strings (from a parameter): the API's types are a number and a boolean.
      if (cors.path("MaxAge").isTextual() && cors.get("MaxAge").asText().matches("-?\\d{1,9}")) {
        cors.put("MaxAge", Integer.parseInt(cors.get("MaxAge").asText()));
      }
      if (cors.path("AllowCredentials").isTextual()) {
        cors.put("AllowCredentials", Boolean.parseBoolean(cors.get("AllowCredentials").asText()));
      }
      request.set("Cors", cors);
    } else if (props.hasNonNull("Cors")) {
      request.set("Cors", props.get("Cors"));
    } else {
      request.putNull("Cors");
    }
    return request;
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    Props.requiredText(ctx.logicalId(), newProps, "AuthType");
    try {
      ctx.lambda().updateFunctionUrlConfig(current.data().path("function").asText(),
          current.data().path("qualifier").asText(null), body(newProps));
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    try {
      ctx.lambda().deleteFunctionUrlConfig(state.data().path("function").asText(),
          state.data().path("qualifier").asText(null));
    } catch (AwsError e) {
      if (e.status() != 404) {
        throw ResourceFailure.fromLambda(e);
      }
    }
  }
}
