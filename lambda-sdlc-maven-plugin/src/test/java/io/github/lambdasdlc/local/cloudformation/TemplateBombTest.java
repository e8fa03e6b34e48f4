package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

/**
 * Templates built to take the local cloud down: small texts that expand to gigabytes or never end. Each is
 * refused with CloudFormation's own error, and the cloud answers normally afterwards.
 */
class TemplateBombTest extends CloudFormationTestSupport {
  static final String RESOURCE = "Resources:\n  Handle:\n    Type: AWS::CloudFormation::WaitConditionHandle\n";

  @BeforeEach
  void up() {
    start();
  }

  /** The attack of issue 12: 12 levels of aliases, each {@code [*prev, *prev, *prev]} (3^12 leaves). */
  static String aliasBomb() {
    StringBuilder yaml = new StringBuilder("AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n");
    yaml.append("  l0: &l0 [\"lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol lol\"]\n");
    for (int level = 1; level <= 12; level++) {
      String prev = "*l" + (level - 1);
      yaml.append("  l").append(level).append(": &l").append(level).append(" [").append(prev).append(", ")
          .append(prev).append(", ").append(prev).append("]\n");
    }
    return yaml.append(RESOURCE).toString();
  }

  private void assertStillServes() {
    assertThat(cfn.validateTemplate(r -> r.templateBody(RESOURCE)).parameters()).isEmpty();
    assertThat(cfn.listStacks().stackSummaries()).allSatisfy(s -> assertThat(s.stackName()).isNotEqualTo("bomb"));
  }

  private void assertTemplateError(String template, String message) {
    assertThatThrownBy(() -> cfn.validateTemplate(r -> r.templateBody(template)))
        .isInstanceOfSatisfying(CloudFormationException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(400);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    assertThatThrownBy(() -> create("bomb", template)).isInstanceOf(CloudFormationException.class)
        .hasMessageContaining(message);
  }

  @Test
  void anAliasBombIsRefusedAsCloudFormationRefusesAliases() {
    String bomb = aliasBomb();
    assertThat(bomb.length()).isLessThan(2_500);
    for (int i = 0; i < 3; i++) {
      assertTemplateError(bomb, "Template error: YAML aliases are not allowed in CloudFormation templates");
      assertStillServes();
    }
  }

  @Test
  void anAliasInsideItsOwnAnchorIsRefused() {
    for (String recursive : new String[] {"Metadata:\n  a: &a [*a]\n" + RESOURCE,
        "Metadata: &m\n  self: *m\n" + RESOURCE}) {
      assertTemplateError(recursive, "Template error: YAML aliases are not allowed in CloudFormation templates");
      assertStillServes();
    }
  }
}
