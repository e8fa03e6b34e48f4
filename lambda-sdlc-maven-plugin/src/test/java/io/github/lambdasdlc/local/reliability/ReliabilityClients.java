package io.github.lambdasdlc.local.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.FunctionCode;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** The real SDK clients, with their default retries, and the small inputs the reliability tests send. */
final class ReliabilityClients {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final WaiterOverrideConfiguration FAST_WAIT = WaiterOverrideConfiguration.builder()
      .backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(50)))
      .maxAttempts(400)
      .build();

  /** A stack with a role and a Python function, whose Description parameter changes on update. */
  static final String STACK = """
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        Note:
          Type: String
          Default: one
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument:
              Version: '2012-10-17'
              Statement:
                - Effect: Allow
                  Principal: {Service: lambda.amazonaws.com}
                  Action: sts:AssumeRole
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Description: !Ref Note
            Code:
              ZipFile: |
                def handler(event, context):
                    return "ok"
      Outputs:
        FunctionName:
          Value: !Ref Fn
      """;

  private ReliabilityClients() {
  }

  static CloudFormationClient cloudFormation(URI endpoint) {
    return CloudFormationClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  static LambdaClient lambda(URI endpoint) {
    return LambdaClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
  }

  /** A zip with the given files (name to UTF-8 content), the same bytes every time. */
  static byte[] zip(Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, String> f : new java.util.TreeMap<>(files).entrySet()) {
        ZipEntry entry = new ZipEntry(f.getKey());
        entry.setTime(1_767_225_600_000L);
        zip.putNextEntry(entry);
        zip.write(f.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] handlerZip(String marker) {
    return zip(Map.of("index.py", "def handler(event, context):\n    return '" + marker + "'\n"));
  }

  static CreateFunctionRequest createFunction(String name, byte[] zip) {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime(Runtime.PYTHON3_12)
        .role(ROLE)
        .handler("index.handler")
        .code(FunctionCode.builder().zipFile(SdkBytes.fromByteArray(zip)).build())
        .build();
  }
}
