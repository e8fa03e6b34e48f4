import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;

/**
 * Deletes a stack through an endpoint's CloudFormation API with the AWS SDK for Java v2 and waits until it is
 * gone, as an operator's {@code aws cloudformation delete-stack} would. Run as a single-file program:
 * {@code java -cp <sdk> DeleteStack.java <endpoint> <stack>}.
 */
public class DeleteStack {
  public static void main(String[] args) {
    URI endpoint = URI.create(args[0]);
    String stack = args[1];
    try (CloudFormationClient cfn = CloudFormationClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build()) {
      String stackId = cfn.describeStacks(b -> b.stackName(stack)).stacks().get(0).stackId();
      cfn.deleteStack(b -> b.stackName(stack));
      cfn.waiter().waitUntilStackDeleteComplete(b -> b.stackName(stackId),
          w -> w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(200))).maxAttempts(300));
      System.out.println("DeleteStack: stack " + stack + " (" + stackId + ") is DELETE_COMPLETE");
    }
  }
}
