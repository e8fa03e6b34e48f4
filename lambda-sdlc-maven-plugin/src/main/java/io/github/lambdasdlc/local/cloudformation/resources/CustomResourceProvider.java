package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.cfn.SecretText;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code AWS::CloudFormation::CustomResource} and {@code Custom::*} whose {@code ServiceToken} is a Lambda function
 * of the local cloud: the function is invoked (as an Event, as CloudFormation invokes it) with CloudFormation's
 * request (Create, Update with OldResourceProperties, Delete), and the resource waits for the answer PUT to the
 * request's ResponseURL: SUCCESS gives the physical id and the {@code Data} that {@code Fn::GetAtt} reads, FAILED
 * fails the resource with AWS's wording. No answer within {@code ServiceTimeout} (3600 seconds by default, as on
 * AWS), or the local cloud's shorter {@code customResourceTimeout}, fails it as CloudFormation does.
 *
 * <p>An answer with {@code NoEcho: true} masks its {@code Data}: {@link #attribute} marks what {@code Fn::GetAtt}
 * reads of it {@linkplain SecretText#masked(String) masked}, so the resources that take it as a property get the
 * real value while the stack's outputs and events show asterisks, as CloudFormation does.
 *
 * <p>A new PhysicalResourceId in the answer to an Update replaces the resource: the old one is sent a Delete
 * (at once here; CloudFormation sends it during the update's cleanup).
 */
public final class CustomResourceProvider implements ResourceProvider {
  public static final String TYPE = "AWS::CloudFormation::CustomResource";
  private static final Pattern LAMBDA_ARN = Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:.+");
  private static final int DEFAULT_SERVICE_TIMEOUT = 3600;
  /** The key of {@code data} that records an answer's NoEcho, kept with the stack (the taint itself is not). */
  private static final String NO_ECHO = "noEcho";

  private final String type;

  public CustomResourceProvider(String type) {
    this.type = type;
  }

  /** Whether a type is a custom resource's. */
  public static boolean isCustom(String type) {
    return type.equals(TYPE) || type.startsWith("Custom::");
  }

  /** What {@code Fn::GetAtt} reads of a resource's attribute: masked when a custom resource answered NoEcho. */
  public static JsonNode attribute(JsonNode data, JsonNode value) {
    if (value != null && value.isTextual() && data != null && data.path(NO_ECHO).asBoolean(false)) {
      return SecretText.masked(value.textValue());
    }
    return value;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of();
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    ResourceState state = new ResourceState(null, null, null, null);
    send(ctx, state, "Create", props, null);
    return state;
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    if (!Objects.equals(oldProps.get("ServiceToken"), newProps.get("ServiceToken"))) {
      throw new ResourceFailure("Modifying service token is not allowed.");
    }
    current.data().put("previousPhysicalId", current.physicalId());
    current.data().set("previousProperties", oldProps);
    send(ctx, current, "Update", newProps, oldProps);
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    JsonNode props = state.data().path("properties");
    send(ctx, state, "Delete", props.isObject() ? props : Json.MAPPER.createObjectNode(), null);
  }

  @Override
  public Duration stabilize(ProviderContext ctx, ResourceState state) {
    JsonNode answer = answer(ctx, state);
    if (answer == null) {
      return ctx.pollInterval();
    }
    ObjectNode pending = (ObjectNode) state.data().remove("pending");
    String physicalId = answer.path("PhysicalResourceId").asText("");
    if (!physicalId.isEmpty() && physicalId.length() <= 1024) {
      state.identified(physicalId, physicalId);
    }
    if (!"SUCCESS".equals(answer.path("Status").asText())) {
      throw failed(answer, pending);
    }
    if (physicalId.isEmpty() || physicalId.length() > 1024) {
      throw new ResourceFailure("Invalid PhysicalResourceId (RequestId: " + pending.path("requestId").asText() + ")");
    }
    state.attributes().removeAll();
    if (answer.path("NoEcho").asBoolean(false)) {
      state.data().put(NO_ECHO, true);
    } else {
      state.data().remove(NO_ECHO);
    }
    JsonNode data = answer.path("Data");
    if (data.isObject()) {
      data.properties().forEach(e -> state.attributes().set(e.getKey(), e.getValue().isValueNode()
          ? Json.MAPPER.getNodeFactory().textNode(e.getValue().asText()) : e.getValue()));
    }
    String previous = state.data().path("previousPhysicalId").asText(null);
    JsonNode previousProps = state.data().remove("previousProperties");
    state.data().remove("previousPhysicalId");
    if (previous != null && !previous.equals(physicalId)) {
      // A new physical id replaces the resource: the old one is deleted, and not waited for.
      ResourceState old = new ResourceState(previous, previous, null, Json.MAPPER.createObjectNode());
      send(ctx, old, "Delete", previousProps == null ? Json.MAPPER.createObjectNode() : previousProps, null);
    }
    return null;
  }

  @Override
  public Duration stabilizeDelete(ProviderContext ctx, ResourceState state) {
    JsonNode answer = answer(ctx, state);
    if (answer == null) {
      return ctx.pollInterval();
    }
    ObjectNode pending = (ObjectNode) state.data().remove("pending");
    if (!"SUCCESS".equals(answer.path("Status").asText())) {
      throw failed(answer, pending);
    }
    return null;
  }

  /** The provider's answer to the pending request, null while there is none; fails once the wait is over. */
  private static JsonNode answer(ProviderContext ctx, ResourceState state) {
    JsonNode pending = state.data().get("pending");
    if (pending == null) {
      return Json.MAPPER.createObjectNode().put("Status", "SUCCESS").put("PhysicalResourceId", state.physicalId());
    }
    String requestId = pending.path("requestId").asText();
    JsonNode answer = ctx.customResources().takeResponse(requestId);
    if (answer == null && ctx.cloud().clock().instant().isAfter(Instant.parse(pending.path("deadline").asText()))) {
      state.data().remove("pending");
      throw new ResourceFailure("CloudFormation did not receive a response from your Custom Resource. Please check"
          + " your logs for requestId [" + requestId + "]. If you are using the Python cfn-response module, you may"
          + " need to update your Lambda function code so that CloudFormation can attach the updated version.");
    }
    return answer;
  }

  private static ResourceFailure failed(JsonNode answer, JsonNode pending) {
    return new ResourceFailure("Received response status [" + answer.path("Status").asText() + "] from custom"
        + " resource. Message returned: " + answer.path("Reason").asText("") + " (RequestId: "
        + pending.path("requestId").asText() + ")");
  }

  /** Invokes the provider with a request and records what the resource waits for. */
  private void send(ProviderContext ctx, ResourceState state, String requestType, JsonNode props, JsonNode oldProps) {
    String token = props.path("ServiceToken").asText(null);
    if (token == null || token.isEmpty()) {
      throw ResourceFailure.invalidProperties(ctx.logicalId(), "#: required key [ServiceToken] not found");
    }
    if (!LAMBDA_ARN.matcher(token).matches()) {
      throw new ResourceFailure("ServiceToken " + token + " is not the ARN of a Lambda function: the lambda-sdlc"
          + " local cloud runs custom resources backed by its own Lambda functions only (not SNS topics)");
    }
    String requestId = UUID.randomUUID().toString();
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.put("RequestType", requestType);
    request.put("ServiceToken", token);
    request.put("ResponseURL", ctx.customResources().responseUrl(requestId));
    request.put("StackId", ctx.stackId());
    request.put("RequestId", requestId);
    request.put("LogicalResourceId", ctx.logicalId());
    if (state.physicalId() != null) {
      request.put("PhysicalResourceId", state.physicalId());
    }
    request.put("ResourceType", type);
    request.set("ResourceProperties", props);
    if (oldProps != null) {
      request.set("OldResourceProperties", oldProps);
    }
    try {
      ctx.lambda().invokeEvent(token, request.toString().getBytes(StandardCharsets.UTF_8));
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    int seconds = props.path("ServiceTimeout").asInt(DEFAULT_SERVICE_TIMEOUT);
    Duration wait = Duration.ofSeconds(seconds < 1 || seconds > DEFAULT_SERVICE_TIMEOUT ? DEFAULT_SERVICE_TIMEOUT
        : seconds);
    Duration cap = ctx.cloud().config().customResourceTimeout();
    ObjectNode pending = state.data().putObject("pending");
    pending.put("requestId", requestId);
    pending.put("deadline", ctx.cloud().clock().instant().plus(wait.compareTo(cap) < 0 ? wait : cap).toString());
    state.data().set("properties", props);
  }
}
