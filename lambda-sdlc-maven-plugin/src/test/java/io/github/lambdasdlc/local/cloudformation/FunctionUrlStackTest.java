package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/** {@code AWS::Lambda::Url} in a template: created, served, updated in place, and deleted with its stack. */
class FunctionUrlStackTest extends CloudFormationTestSupport {
  static final String TEMPLATE = """
      Parameters:
        Auth: {Type: String, Default: NONE}
        MaxAge: {Type: Number, Default: 60}
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            FunctionName: url-fn
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Code:
              ZipFile: |
                def handler(event, context):
                    return {"statusCode": 200, "body": "hi " + event["rawPath"]}
        Url:
          Type: AWS::Lambda::Url
          Properties:
            TargetFunctionArn: !GetAtt Fn.Arn
            AuthType: !Ref Auth
            Cors:
              AllowOrigins: ['*']
              MaxAge: !Ref MaxAge
      Outputs:
        Url: {Value: !GetAtt Url.FunctionUrl}
        Arn: {Value: !GetAtt Url.FunctionArn}
        Ref: {Value: !Ref Url}
      """;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void aTemplatesFunctionUrlIsServedUpdatedAndDeletedWithItsStack() throws Exception {
    create("web", TEMPLATE, Capability.CAPABILITY_IAM);
    Map<String, String> out = outputs(waiter.waitUntilStackCreateComplete(r -> r.stackName("web")).matched().response()
        .orElseThrow().stacks().get(0));
    assertThat(out.get("Arn")).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:url-fn");
    assertThat(out.get("Ref")).isEqualTo(out.get("Arn"));
    String url = out.get("Url");
    assertThat(url).isEqualTo(lambda.getFunctionUrlConfig(r -> r.functionName("url-fn")).functionUrl());
    assertThat(lambda.getFunctionUrlConfig(r -> r.functionName("url-fn")).cors().maxAge()).isEqualTo(60);

    HttpResponse<String> answer = get(url + "hello");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).isEqualTo("hi /hello");

    cfn.updateStack(r -> r.stackName("web").usePreviousTemplate(true).capabilities(Capability.CAPABILITY_IAM)
        .parameters(p -> p.parameterKey("Auth").parameterValue("AWS_IAM"),
            p -> p.parameterKey("MaxAge").usePreviousValue(true)));
    waiter.waitUntilStackUpdateComplete(r -> r.stackName("web"));
    assertThat(lambda.getFunctionUrlConfig(r -> r.functionName("url-fn")).authType())
        .isEqualTo(FunctionUrlAuthType.AWS_IAM);
    assertThat(get(url + "hello").statusCode()).isEqualTo(403);

    cfn.deleteStack(r -> r.stackName("web"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("web"));
    assertThatThrownBy(() -> get(url)).isInstanceOf(ConnectException.class);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> outputs(software.amazon.awssdk.services.cloudformation.model.Stack stack) {
    Map<String, String> out = new HashMap<>();
    stack.outputs().forEach(o -> out.put(o.outputKey(), o.outputValue()));
    return out;
  }
}
