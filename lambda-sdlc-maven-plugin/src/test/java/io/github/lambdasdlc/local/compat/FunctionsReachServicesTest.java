package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.ServiceEndpoints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.GetFunctionRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.Runtime;

/**
 * A function on the local cloud reaches AWS the way it does on AWS, with no endpoint in its code: boto3 inside a
 * Python function invokes another function through {@code AWS_ENDPOINT_URL}; a service the cloud does not emulate
 * answers with the setting to use; {@code serviceEndpoints} gives the function {@code AWS_ENDPOINT_URL_<SERVICE>}.
 */
class FunctionsReachServicesTest {
  private static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  private static final String CALLER = """
      import json, os
      import boto3
      from botocore.exceptions import ClientError

      def handler(event, context):
          answer = boto3.client("lambda").invoke(FunctionName="callee", Payload=json.dumps({"n": 41}))
          try:
              boto3.client("sqs").list_queues()
              sqs = None
          except ClientError as e:
              sqs = e.response["Error"]
          return {
              "answer": json.loads(answer["Payload"].read()),
              "endpoint": os.environ.get("AWS_ENDPOINT_URL"),
              "dynamodb": os.environ.get("AWS_ENDPOINT_URL_DYNAMODB"),
              "sqs": sqs,
          }
      """;
  private static final String CALLEE = """
      def handler(event, context):
          return {"n": event["n"] + 1, "by": context.function_name}
      """;
  private static final String ECHO_ENV = """
      import os
      def handler(event, context):
          return {k: v for k, v in os.environ.items() if k.startswith("AWS_ENDPOINT_URL")}
      """;

  @TempDir
  Path dir;

  @Test
  void boto3InAFunctionInvokesAnotherFunctionWithNoEndpointInItsCode() throws IOException {
    assumeTrue(ExternalClient.available("python3", "-c", "import boto3"), "boto3 is not installed");
    LocalCloudConfig config = LocalCloudConfig.builder(dir.resolve("state"))
        .serviceEndpoints(ServiceEndpoints.parse("dynamodb=http://127.0.0.1:8000")).build();
    try (LocalCloud cloud = LocalCloud.start(config); LambdaClient lambda = client(cloud)) {
      create(lambda, "callee", CALLEE, Map.of());
      create(lambda, "caller", CALLER, Map.of());

      InvokeResponse response = lambda.invoke(b -> b.functionName("caller").payload(SdkBytes.fromUtf8String("{}")));

      JsonNode out = Json.MAPPER.readTree(response.payload().asUtf8String());
      assertThat(response.functionError()).as(out.toString()).isNull();
      assertThat(out.path("answer").path("n").asInt()).isEqualTo(42);
      assertThat(out.path("answer").path("by").asText()).isEqualTo("callee");
      assertThat(out.path("endpoint").asText()).isEqualTo(cloud.endpoint().toString());
      assertThat(out.path("dynamodb").asText()).isEqualTo("http://127.0.0.1:8000");
      assertThat(out.path("sqs").path("Code").asText()).isEqualTo("UnrecognizedClientException");
      assertThat(out.path("sqs").path("Message").asText())
          .contains("does not emulate the AWS service 'sqs'", "lambda-sdlc.local.serviceEndpoints to sqs=<its URL>",
              "AWS_ENDPOINT_URL_SQS");
    }
  }

  @Test
  void aFunctionsOwnEndpointVariablesWin() throws IOException {
    LocalCloudConfig config = LocalCloudConfig.builder(dir.resolve("state"))
        .serviceEndpoints(ServiceEndpoints.parse("dynamodb=http://127.0.0.1:8000,sqs=http://127.0.0.1:9324")).build();
    try (LocalCloud cloud = LocalCloud.start(config); LambdaClient lambda = client(cloud)) {
      create(lambda, "env", ECHO_ENV, Map.of("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9999"));

      JsonNode env = Json.MAPPER.readTree(lambda.invoke(b -> b.functionName("env").payload(SdkBytes.fromUtf8String("{}"))).payload().asUtf8String());

      assertThat(env.path("AWS_ENDPOINT_URL").asText()).isEqualTo(cloud.endpoint().toString());
      assertThat(env.path("AWS_ENDPOINT_URL_DYNAMODB").asText()).isEqualTo("http://127.0.0.1:8000");
      assertThat(env.path("AWS_ENDPOINT_URL_SQS").asText()).isEqualTo("http://127.0.0.1:9999");
      assertThat(env.size()).isEqualTo(3);
    }
  }

  private static LambdaClient client(LocalCloud cloud) {
    return LambdaClient.builder().endpointOverride(cloud.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build()).build();
  }

  private static void create(LambdaClient lambda, String name, String code, Map<String, String> env)
      throws IOException {
    byte[] zip = zip(code);
    lambda.createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(ROLE).handler("index.handler")
        .timeout(60).environment(Environment.builder().variables(env).build())
        .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build()));
    lambda.waiter().waitUntilFunctionActiveV2(GetFunctionRequest.builder().functionName(name).build(),
        WaiterOverrideConfiguration.builder().waitTimeout(Duration.ofMinutes(2)).build());
  }

  private static byte[] zip(String indexPy) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write(indexPy.getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }
}
