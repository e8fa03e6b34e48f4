package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** {@code AWS::ApiGatewayV2::Api} HTTP APIs with Lambda proxy integrations, served over plain HTTP. */
class HttpApiStackTest extends CloudFormationTestSupport {
  private static final String FUNCTION = """
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                def handler(event, context):
                    if event['rawPath'].endswith('/fail'):
                        raise Exception('boom')
                    return {'routeKey': event['routeKey'], 'path': event['rawPath'],
                            'params': event.get('pathParameters'), 'stage': event['requestContext']['stage']}
      """;
  static final String QUICK_CREATE = "Resources:\n" + FUNCTION + """
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties:
            Name: quick
            ProtocolType: HTTP
            Target: !GetAtt Fn.Arn
            CorsConfiguration: {AllowOrigins: ['https://app.example'], AllowMethods: [GET]}
      Outputs:
        Endpoint: {Value: !GetAtt Api.ApiEndpoint}
      """;
  static final String ROUTES = "Resources:\n" + FUNCTION + """
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties: {Name: routed, ProtocolType: HTTP}
        Integration:
          Type: AWS::ApiGatewayV2::Integration
          Properties:
            ApiId: !Ref Api
            IntegrationType: AWS_PROXY
            IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
            PayloadFormatVersion: '2.0'
        ItemRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: GET /items/{id}
            Target: !Sub integrations/${Integration}
        ProxyRoute:
          Type: AWS::ApiGatewayV2::Route
          Properties:
            ApiId: !Ref Api
            RouteKey: ANY /files/{proxy+}
            Target: !Sub integrations/${Integration}
        Stage:
          Type: AWS::ApiGatewayV2::Stage
          Properties: {ApiId: !Ref Api, StageName: prod, AutoDeploy: true}
      Outputs:
        Endpoint: {Value: !GetAtt Api.ApiEndpoint}
      """;
  /** What SAM's HttpApi event makes of {@code Path: /hello, Method: get}: an inline OpenAPI Body. */
  static final String OPENAPI_BODY = "Resources:\n" + FUNCTION + """
        Api:
          Type: AWS::ApiGatewayV2::Api
          Properties:
            Body:
              openapi: 3.0.1
              info: {title: body, version: '1.0'}
              paths:
                /hello:
                  get:
                    x-amazon-apigateway-integration:
                      httpMethod: POST
                      type: aws_proxy
                      uri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations
                      payloadFormatVersion: '2.0'
                    responses: {}
        Stage:
          Type: AWS::ApiGatewayV2::Stage
          Properties: {ApiId: !Ref Api, StageName: $default, AutoDeploy: true}
      Outputs:
        Endpoint: {Value: !GetAtt Api.ApiEndpoint}
      """;
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void aQuickCreatedApiSendsEveryRequestToItsFunction() throws Exception {
    create("quick", QUICK_CREATE, Capability.CAPABILITY_IAM);
    String endpoint = outputs(waiter.waitUntilStackCreateComplete(r -> r.stackName("quick")).matched().response()
        .orElseThrow().stacks().get(0)).get("Endpoint");
    assertThat(endpoint).matches("http://127\\.0\\.0\\.1:\\d+");

    HttpResponse<String> answer = send(endpoint + "/any/path?x=1", "GET", null);
    assertThat(answer.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(answer.body());
    assertThat(body.path("routeKey").asText()).isEqualTo("$default");
    assertThat(body.path("path").asText()).isEqualTo("/any/path");
    assertThat(body.path("stage").asText()).isEqualTo("$default");

    HttpResponse<String> failed = send(endpoint + "/fail", "GET", null);
    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");

    HttpResponse<String> preflight = send(endpoint + "/x", "OPTIONS", "https://app.example");
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");

    cfn.deleteStack(r -> r.stackName("quick"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("quick"));
    assertThatThrownBy(() -> send(endpoint + "/", "GET", null)).isInstanceOf(ConnectException.class);
  }

  @Test
  void routesSelectByMethodAndPathUnderTheirStage() throws Exception {
    create("routed", ROUTES, Capability.CAPABILITY_IAM);
    String endpoint = outputs(waiter.waitUntilStackCreateComplete(r -> r.stackName("routed")).matched().response()
        .orElseThrow().stacks().get(0)).get("Endpoint");

    JsonNode item = JSON.readTree(send(endpoint + "/prod/items/42", "GET", null).body());
    assertThat(item.path("routeKey").asText()).isEqualTo("GET /items/{id}");
    assertThat(item.path("params").path("id").asText()).isEqualTo("42");
    assertThat(item.path("stage").asText()).isEqualTo("prod");
    assertThat(item.path("path").asText()).isEqualTo("/prod/items/42");

    JsonNode file = JSON.readTree(send(endpoint + "/prod/files/a/b.txt", "DELETE", null).body());
    assertThat(file.path("routeKey").asText()).isEqualTo("ANY /files/{proxy+}");
    assertThat(file.path("params").path("proxy").asText()).isEqualTo("a/b.txt");

    HttpResponse<String> wrongMethod = send(endpoint + "/prod/items/42", "POST", null);
    assertThat(wrongMethod.statusCode()).isEqualTo(404);
    assertThat(wrongMethod.body()).isEqualTo("{\"message\":\"Not Found\"}");
    assertThat(send(endpoint + "/items/42", "GET", null).statusCode()).isEqualTo(404); // no $default stage
  }

  @Test
  void anInlineOpenApiBodyAsSamWritesItServesItsPaths() throws Exception {
    create("body", OPENAPI_BODY, Capability.CAPABILITY_IAM);
    String endpoint = outputs(waiter.waitUntilStackCreateComplete(r -> r.stackName("body")).matched().response()
        .orElseThrow().stacks().get(0)).get("Endpoint");
    JsonNode hello = JSON.readTree(send(endpoint + "/hello", "GET", null).body());
    assertThat(hello.path("routeKey").asText()).isEqualTo("GET /hello");
    assertThat(send(endpoint + "/other", "GET", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aPayloadFormat10IntegrationFailsItsResourceWithTheReason() throws Exception {
    create("old", ROUTES.replace("PayloadFormatVersion: '2.0'", "PayloadFormatVersion: '1.0'"),
        Capability.CAPABILITY_IAM);
    Stack stack = settle("old");
    assertThat(stack.stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");
    assertThat(events("old")).anyMatch(e -> "Integration".equals(e.logicalResourceId())
        && e.resourceStatusReason() != null && e.resourceStatusReason().contains("payload format 2.0 only"));
  }

  private HttpResponse<String> send(String url, String method, String origin) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (origin != null) {
      request.header("Origin", origin).header("Access-Control-Request-Method", "GET");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> outputs(Stack stack) {
    Map<String, String> out = new HashMap<>();
    stack.outputs().forEach(o -> out.put(o.outputKey(), o.outputValue()));
    return out;
  }
}
