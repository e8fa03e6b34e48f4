package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.time.Duration;
import java.util.Set;

/**
 * {@code AWS::Lambda::Version}: PublishVersion of the function's current code and configuration. Ref
 * is the version's ARN; GetAtt Version and FunctionArn. Every property change publishes a new version.
 */
public final class LambdaVersionProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Lambda::Version";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("FunctionName", "CodeSha256", "Description", "ProvisionedConcurrencyConfig", "RuntimePolicy");
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    String function = Props.requiredText(ctx.logicalId(), props, "FunctionName");
    if (props.has("ProvisionedConcurrencyConfig") || props.has("RuntimePolicy")) {
      throw ResourceFailure.handler("ProvisionedConcurrencyConfig and RuntimePolicy are not supported by the"
          + " lambda-sdlc local cloud", "InvalidRequest");
    }
    ObjectNode request = Json.MAPPER.createObjectNode();
    if (props.hasNonNull("Description")) {
      request.put("Description", props.get("Description").asText());
    }
    if (props.hasNonNull("CodeSha256")) {
      request.put("CodeSha256", props.get("CodeSha256").asText());
    }
    ObjectNode published;
    try {
      published = ctx.lambda().publishVersion(function, request);
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    String arn = published.path("FunctionArn").asText();
    String version = published.path("Version").asText();
    if (ctx.physicalIdTaken().test(TYPE, arn)) {
      // Lambda answers PublishVersion with the latest version when nothing changed since it.
      throw ResourceFailure.handler("A version for this Lambda function exists ( " + version + " ). Modify the"
          + " function to create a new version.", "AlreadyExists");
    }
    ResourceState state = ResourceState.of(arn, arn).withAttribute("Version", version).withAttribute("FunctionArn", arn);
    state.data().put("function", function);
    state.data().put("version", version);
    return state;
  }

  @Override
  public Duration stabilize(ProviderContext ctx, ResourceState state) {
    try {
      ObjectNode cfg = ctx.lambda().getFunctionConfiguration(state.data().path("function").asText(),
          state.data().path("version").asText());
      String st = cfg.path("State").asText("Active");
      if ("Pending".equals(st)) {
        return ctx.pollInterval();
      }
      if ("Failed".equals(st)) {
        throw ResourceFailure.handler("Version " + state.physicalId() + " failed to become Active: "
            + cfg.path("StateReason").asText(""), "NotStabilized");
      }
      return null;
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    return current; // every property requires a new version
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    try {
      ctx.lambda().deleteFunction(state.data().path("function").asText(), state.data().path("version").asText());
    } catch (AwsError e) {
      if (e.status() != 404) {
        throw ResourceFailure.fromLambda(e);
      }
    }
  }
}
