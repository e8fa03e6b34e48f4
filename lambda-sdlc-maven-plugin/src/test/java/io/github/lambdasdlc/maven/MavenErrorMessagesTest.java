package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.workflow.SdkErrors;
import io.github.lambdasdlc.workflow.Target;
import io.github.lambdasdlc.workflow.WorkflowException;
import java.io.ByteArrayInputStream;
import org.apache.maven.plugin.AbstractMojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;

/**
 * The line Maven prints for a failed goal says each fact once: the SDK's exception, kept for {@code -e},
 * is not appended after the workflow's message (its service text again, or the provider chains).
 */
class MavenErrorMessagesTest {
  private static final ProfileFile NO_PROFILES = ProfileFile.builder()
      .content(new ByteArrayInputStream(new byte[0])).type(ProfileFile.Type.CREDENTIALS).build();

  @Test
  void aCredentialErrorKeepsItsFirstSentenceAndFixAndLeavesTheProviderChainToDashE() {
    SdkClientException chain = credentialChainFailure();
    assertThat(chain.getMessage()).hasSizeGreaterThan(300); // what the SDK says: every provider's reason

    WorkflowException explained = SdkErrors.explain(chain, Target.aws("eu-west-1", null), "describing stack app");
    AbstractMojoExecutionException mojo = AbstractLambdaSdlcMojo.toMojoException(explained);

    assertThat(mojo).isInstanceOf(MojoFailureException.class);
    assertThat(MavenErrorLine.of(mojo)).isEqualTo(explained.getMessage())
        .startsWith("No AWS credentials were found while describing stack app on AWS (region eu-west-1).")
        .contains("-Dlambda-sdlc.profile=NAME").contains("-Dlambda-sdlc.endpoint=local")
        .doesNotContain("SystemPropertyCredentialsProvider").hasSizeLessThan(400);
    assertThat(MavenErrorLine.withErrors(mojo)).contains("Unable to load credentials from any of the providers")
        .contains("SystemPropertyCredentialsProvider");
  }

  @Test
  void aRegionErrorKeepsItsFixAndLeavesTheProviderChainToDashE() {
    SdkClientException chain = regionChainFailure();
    // As AwsClients words it when no region is found for AWS.
    WorkflowException explained = WorkflowException.userError("No AWS region is set for AWS. Set one with"
        + " -Dlambda-sdlc.region=eu-west-1.", chain);
    AbstractMojoExecutionException mojo = AbstractLambdaSdlcMojo.toMojoException(explained);

    assertThat(MavenErrorLine.of(mojo)).isEqualTo(explained.getMessage());
    assertThat(MavenErrorLine.withErrors(mojo)).contains("Unable to load region");
  }

  @Test
  void aServiceErrorSaysTheServicesWordsOnce() {
    var service = software.amazon.awssdk.services.cloudformation.model.CloudFormationException.builder()
        .message("No export named flip-demo:lambda:arn found.").statusCode(400)
        .awsErrorDetails(software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
            .errorCode("ValidationError").errorMessage("No export named flip-demo:lambda:arn found.")
            .serviceName("CloudFormation").build())
        .build();
    AbstractMojoExecutionException mojo = AbstractLambdaSdlcMojo.toMojoException(
        SdkErrors.explain(service, Target.aws("eu-west-1", null), "creating stack app"));

    String line = MavenErrorLine.of(mojo);
    assertThat(line).isEqualTo("AWS answered ValidationError while creating stack app: No export named"
        + " flip-demo:lambda:arn found.");
    assertThat(line.split("No export named", -1)).hasSize(2);
    assertThat(MavenErrorLine.withErrors(mojo)).contains("Service: CloudFormation, Status Code: 400");
  }

  private static SdkClientException credentialChainFailure() {
    try {
      AwsCredentialsProviderChain.of(SystemPropertyCredentialsProvider.create(),
          ProfileCredentialsProvider.builder().profileFile(NO_PROFILES).profileName("lambda-sdlc-no-such").build())
          .resolveCredentials();
    } catch (SdkClientException e) {
      return e;
    }
    throw new AssertionError("credentials were found");
  }

  private static SdkClientException regionChainFailure() {
    try {
      new AwsRegionProviderChain(new AwsProfileRegionProvider(() -> NO_PROFILES, "lambda-sdlc-no-such")).getRegion();
    } catch (SdkClientException e) {
      return e;
    }
    throw new AssertionError("a region was found");
  }
}
