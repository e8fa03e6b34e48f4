package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

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

  /** Fn::Sub nested {@code depth} deep, each level repeating the one below ten times: 10^(depth+1) characters. */
  static String nestedSub(int depth) {
    String value = "\"0123456789\"";
    for (int level = 0; level < depth; level++) {
      value = "{\"Fn::Sub\": [\"${a}${a}${a}${a}${a}${a}${a}${a}${a}${a}\", {\"a\": " + value + "}]}";
    }
    return "{\"Resources\": {\"Logs\": {\"Type\": \"AWS::Logs::LogGroup\", \"Properties\": {\"LogGroupName\": "
        + value + "}}}}";
  }

  private long stateBytes() throws IOException {
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  @Test
  void nestedSubstitutionsAreCappedAndTheStackRollsBackAndCanBeDeleted() throws Exception {
    for (int depth : new int[] {6, 9}) {
      String name = "sub" + depth;
      String template = nestedSub(depth);
      assertThat(template.length()).isLessThan(1_000);
      create(name, template);
      assertThat(settle(name).stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
      assertThat(events(name)).anySatisfy(e -> {
        assertThat(e.logicalResourceId()).isEqualTo("Logs");
        assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
        assertThat(e.resourceStatusReason()).isEqualTo("Template error: Fn::Sub produces more than 1,000,000"
            + " characters in one resource or section; CloudFormation limits a template to 1 MB and each resource"
            + " property to what its type allows");
      });
      cfn.deleteStack(r -> r.stackName(name));
      waiter.waitUntilStackDeleteComplete(r -> r.stackName(name));
      assertThat(stateBytes()).isLessThan(1_000_000);
      assertStillServes();
    }
  }

  @Test
  void propertiesLongerThanTheirSchemaAllowsFailTheResourceBeforeAnythingIsStored() throws Exception {
    String longDescription = PYTHON_STACK.replace("      MemorySize: 256\n",
        "      MemorySize: 256\n      Description: " + "d".repeat(300) + "\n      FunctionName: " + "f".repeat(65) + "\n");
    create("long", longDescription, Capability.CAPABILITY_IAM);
    assertThat(settle("long").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    StackEvent failed = events("long").stream().filter(e -> "Fn".equals(e.logicalResourceId())
        && "CREATE_FAILED".equals(e.resourceStatusAsString())).findFirst().orElseThrow();
    assertThat(failed.resourceStatusReason()).isEqualTo("Properties validation failed for resource Fn with message:"
        + " [#/FunctionName: expected maxLength: 64, actual: 65, #/Description: expected maxLength: 256, actual: 300]");
    assertThat(events("long")).noneSatisfy(e -> assertThat(e.resourceProperties()).contains("ddddd"));
    assertThat(lambda.listFunctions().functions()).isEmpty();

    create("longlogs", "Resources: {Logs: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: " + "g".repeat(600)
        + ", Tags: [{Key: k, Value: " + "v".repeat(257) + "}]}}}");
    assertThat(settle("longlogs").stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("longlogs")).anySatisfy(e -> assertThat(e.resourceStatusReason()).isEqualTo(
        "Properties validation failed for resource Logs with message: [#/LogGroupName: expected maxLength: 512,"
            + " actual: 600, #/Tags/0/Value: expected maxLength: 256, actual: 257]"));
    assertStillServes();
  }

  @Test
  void moreResourcesParametersOrOutputsThanCloudFormationAllowsAreRefused() {
    StringBuilder resources = new StringBuilder("Resources:\n");
    for (int i = 0; i < 1_200; i++) {
      resources.append("  R").append(i).append(": {Type: AWS::Logs::LogGroup}\n");
    }
    assertThat(resources.length()).isLessThan(51_200);
    assertTemplateError(resources.toString(),
        "Template format error: Number of resources, 1200, is greater than maximum allowed, 500");

    StringBuilder parameters = new StringBuilder("Parameters:\n");
    StringBuilder outputs = new StringBuilder(RESOURCE + "Outputs:\n");
    for (int i = 0; i < 201; i++) {
      parameters.append("  P").append(i).append(": {Type: String, Default: x}\n");
      outputs.append("  O").append(i).append(": {Value: x}\n");
    }
    assertTemplateError(parameters + RESOURCE, "Template format error: Parameter count 201 is greater than max allowed 200");
    assertTemplateError(outputs.toString(), "Template format error: Outputs count 201 is greater than max allowed 200");
    assertStillServes();
  }
}
