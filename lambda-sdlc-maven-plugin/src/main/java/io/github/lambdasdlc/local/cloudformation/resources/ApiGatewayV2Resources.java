package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.httpfront.HttpApis;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::ApiGatewayV2::Api} (HTTP, quick create with {@code Target} or not), {@code Integration} (AWS_PROXY
 * to Lambda, payload format 2.0), {@code Route} and {@code Stage}, served by the local cloud's {@link HttpApis}.
 * Routes are live as soon as they are declared, as with a stage's {@code AutoDeploy}.
 */
final class ApiGatewayV2Resources {
  private ApiGatewayV2Resources() {
  }

  static List<ResourceProvider> providers() {
    return List.of(new Api(), ApiPart.integration(), ApiPart.route(), new Stage());
  }

  private static ResourceFailure failure(AwsError e) {
    return ResourceFailure.handler(e.getMessage() + " (Service: AmazonApiGatewayV2, Status Code: " + e.status() + ")",
        e.status() == 404 ? "NotFound" : "InvalidRequest");
  }

  /** {@code AWS::ApiGatewayV2::Api}: Ref and ApiId are its id; ApiEndpoint is {@code http://127.0.0.1:<port>}. */
  static final class Api implements ResourceProvider {
    @Override
    public String type() {
      return "AWS::ApiGatewayV2::Api";
    }

    @Override
    public Set<String> replacementProperties() {
      return Set.of("ProtocolType");
    }

    @Override
    public ResourceState create(ProviderContext ctx, JsonNode props) {
      ObjectNode api;
      try {
        api = ctx.requireHttpApis().createApi(props);
      } catch (AwsError e) {
        throw failure(e);
      }
      String id = api.path("ApiId").asText();
      return ResourceState.of(id, id).withAttribute("ApiId", id)
          .withAttribute("ApiEndpoint", api.path("ApiEndpoint").asText());
    }

    @Override
    public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
      try {
        ctx.requireHttpApis().updateApi(current.physicalId(), newProps);
      } catch (AwsError e) {
        throw failure(e);
      }
      return current;
    }

    @Override
    public void delete(ProviderContext ctx, ResourceState state) {
      ctx.requireHttpApis().deleteApi(state.physicalId());
    }
  }

  /** Writes a part of an API (its id is null for a new part) and answers the part's id. */
  private interface PutPart {
    String put(HttpApis apis, String apiId, String partId, JsonNode props);
  }

  /** Deletes a part of an API. */
  private interface DeletePart {
    void delete(HttpApis apis, String apiId, String partId);
  }

  /**
   * A part of an API that has an id of its own and is updated in place: {@code AWS::ApiGatewayV2::Integration}
   * (Ref and IntegrationId are its id) and {@code AWS::ApiGatewayV2::Route} (Ref and RouteId).
   */
  static final class ApiPart implements ResourceProvider {
    private final String type;
    private final String requiredProperty;
    private final String idAttribute;
    private final PutPart put;
    private final DeletePart delete;

    private ApiPart(String type, String requiredProperty, String idAttribute, PutPart put, DeletePart delete) {
      this.type = type;
      this.requiredProperty = requiredProperty;
      this.idAttribute = idAttribute;
      this.put = put;
      this.delete = delete;
    }

    static ApiPart integration() {
      return new ApiPart("AWS::ApiGatewayV2::Integration", "IntegrationType", "IntegrationId",
          HttpApis::putIntegration, HttpApis::deleteIntegration);
    }

    static ApiPart route() {
      return new ApiPart("AWS::ApiGatewayV2::Route", "RouteKey", "RouteId", HttpApis::putRoute,
          HttpApis::deleteRoute);
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public Set<String> replacementProperties() {
      return Set.of("ApiId");
    }

    @Override
    public ResourceState create(ProviderContext ctx, JsonNode props) {
      String apiId = Props.requiredText(ctx.logicalId(), props, "ApiId");
      Props.requiredText(ctx.logicalId(), props, requiredProperty);
      String id = write(ctx, apiId, null, props);
      ResourceState state = ResourceState.of(id, id).withAttribute(idAttribute, id);
      state.data().put("apiId", apiId);
      return state;
    }

    @Override
    public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
      write(ctx, current.data().path("apiId").asText(), current.physicalId(), newProps);
      return current;
    }

    @Override
    public void delete(ProviderContext ctx, ResourceState state) {
      delete.delete(ctx.requireHttpApis(), state.data().path("apiId").asText(), state.physicalId());
    }

    private String write(ProviderContext ctx, String apiId, String partId, JsonNode props) {
      try {
        return put.put(ctx.requireHttpApis(), apiId, partId, props);
      } catch (AwsError e) {
        throw failure(e);
      }
    }
  }

  /** {@code AWS::ApiGatewayV2::Stage}: {@code $default} serves the API at its root, another name under its name. */
  static final class Stage implements ResourceProvider {
    @Override
    public String type() {
      return "AWS::ApiGatewayV2::Stage";
    }

    @Override
    public Set<String> replacementProperties() {
      return Set.of("ApiId", "StageName");
    }

    @Override
    public ResourceState create(ProviderContext ctx, JsonNode props) {
      String apiId = Props.requiredText(ctx.logicalId(), props, "ApiId");
      String name = Props.requiredText(ctx.logicalId(), props, "StageName");
      try {
        ctx.requireHttpApis().putStage(apiId, name);
      } catch (AwsError e) {
        throw failure(e);
      }
      ResourceState state = ResourceState.of(name, name);
      state.data().put("apiId", apiId);
      return state;
    }

    @Override
    public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
      return current; // AutoDeploy, logging and throttling settings change nothing locally
    }

    @Override
    public void delete(ProviderContext ctx, ResourceState state) {
      ctx.requireHttpApis().deleteStage(state.data().path("apiId").asText(), state.physicalId());
    }
  }
}
