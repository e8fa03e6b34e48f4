package io.github.lambdasdlc.local.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code aws cloudformation deploy}, the command most teams' scripts use, unchanged against the local cloud: it
 * creates a stack through a CREATE change set, updates it through an UPDATE one, and reports "No changes to
 * deploy" from the empty change set. With the AWS CLI v1 (pyenv's {@code aws}) and v2 ({@code /usr/bin/aws});
 * skipped for a CLI that is not installed. Slow by the CLI's own waits (5 s per change set poll, 30 s per stack
 * poll), not by the local cloud's.
 */
class CloudFormationDeployCliTest {
  @TempDir
  Path dir;
  LocalCloud cloud;
  ExternalClient cli;

  @BeforeEach
  void start() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("state"))
        .lambdaUpdateDelay(Duration.ofMillis(50)).stackStepDelay(Duration.ofMillis(5)).build());
    cli = new ExternalClient(cloud.endpoint(), dir);
  }

  @AfterEach
  void stop() {
    if (cloud != null) {
      cloud.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"aws", "/usr/bin/aws"})
  void deployCreatesUpdatesAndHasNothingToDeploy(String aws) throws Exception {
    assumeTrue(ExternalClient.available(aws, "--version"), aws + " is not installed");
    Path template = Files.writeString(dir.resolve("template.yaml"), AwsCliCompatibilityTest.TEMPLATE);

    ExternalClient.Outcome created = cli.cli(aws, "cloudformation", "deploy", "--stack-name", "app",
        "--template-file", template.toString(), "--capabilities", "CAPABILITY_IAM").ok();
    assertThat(created.stdout()).contains("Successfully created/updated stack - app");
    assertThat(stack(aws).path("StackStatus").asText()).isEqualTo("CREATE_COMPLETE");

    ExternalClient.Outcome updated = cli.cli(aws, "cloudformation", "deploy", "--stack-name", "app",
        "--template-file", template.toString(), "--capabilities", "CAPABILITY_IAM",
        "--parameter-overrides", "Greeting=salut").ok();
    assertThat(updated.stdout()).contains("Successfully created/updated stack - app");
    assertThat(stack(aws).path("StackStatus").asText()).isEqualTo("UPDATE_COMPLETE");
    assertThat(stack(aws).path("Parameters").get(0).path("ParameterValue").asText()).isEqualTo("salut");

    // The CLI v1 exits non-zero on an empty change set unless told not to; v2 exits zero unless told to.
    ExternalClient.Outcome same = cli.cli(aws, "cloudformation", "deploy", "--stack-name", "app",
        "--template-file", template.toString(), "--capabilities", "CAPABILITY_IAM",
        "--parameter-overrides", "Greeting=salut", "--no-fail-on-empty-changeset");
    assertThat(same.exitCode()).as(same.stderr()).isZero();
    assertThat(same.stdout() + same.stderr()).contains("No changes to deploy. Stack app is up to date");
  }

  private com.fasterxml.jackson.databind.JsonNode stack(String aws) {
    return cli.cli(aws, "--output", "json", "cloudformation", "describe-stacks", "--stack-name", "app").ok().json()
        .path("Stacks").get(0);
  }
}
