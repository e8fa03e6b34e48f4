package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdasdlc.local.cloudformation.resources.StandInType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class StandInTypeTest {
  /** Where the table was generated from on the development machine (see generate-standin-table.py). */
  private static final Path SCHEMAS = Path.of("/root/.pyenv/versions/3.11.7/lib/python3.11/site-packages/"
      + "cfnlint/data/schemas");

  @Test
  void theCommonTypesHaveAwsFormatsForEveryAttribute() {
    StandInType table = StandInType.find("AWS::DynamoDB::Table").orElseThrow();
    assertThat(table.primaryIdentifier()).containsExactly("TableName");
    assertThat(table.createOnly()).contains("TableName");
    assertThat(table.formats().attributes()).containsOnlyKeys("Arn", "StreamArn");
    StandInType queue = StandInType.find("AWS::SQS::Queue").orElseThrow();
    assertThat(queue.formats().physicalId()).isEqualTo("https://sqs.{region}.amazonaws.com/{account}/{name}");
    for (String type : List.of("AWS::SNS::Topic", "AWS::S3::Bucket", "AWS::Events::Rule", "AWS::Scheduler::Schedule",
        "AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api", "AWS::SSM::Parameter", "AWS::SecretsManager::Secret",
        "AWS::KMS::Key", "AWS::CloudWatch::Alarm", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy",
        "AWS::Lambda::EventSourceMapping", "AWS::Lambda::LayerVersion", "AWS::EC2::VPC", "AWS::EC2::Subnet",
        "AWS::EC2::SecurityGroup")) {
      StandInType t = StandInType.find(type).orElseThrow();
      assertThat(t.formats()).as(type).isNotNull();
      assertThat(t.formats().attributes().keySet()).as(type).containsExactlyInAnyOrderElementsOf(t.attributes());
    }
    // Types without formats are known too, for a generic stand-in.
    assertThat(StandInType.find("AWS::AppSync::GraphQLApi").orElseThrow().formats()).isNull();
    assertThat(StandInType.find("AWS::DynamoDB::Tabel")).isEmpty();
  }

  /** The generated table says what its source says (when the source is on this machine). */
  @Test
  void theTableMatchesTheRegistrySchemasCfnLintCarries() throws IOException {
    Path providers = SCHEMAS.resolve("providers/us_east_1.py");
    Assumptions.assumeTrue(Files.isRegularFile(providers), "cfn-lint's data is not on this machine");
    Matcher m = Pattern.compile("\"(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)\": \"([0-9a-f]+)\"").matcher(
        Files.readString(providers));
    ObjectMapper json = new ObjectMapper();
    int checked = 0;
    while (m.find()) {
      JsonNode schema = json.readTree(SCHEMAS.resolve("resources/" + m.group(2) + ".json").toFile());
      List<String> primary = new ArrayList<>();
      schema.path("primaryIdentifier").forEach(p -> primary.add(p.asText().substring("/properties/".length())
          .replace('/', '.')));
      StandInType type = StandInType.find(m.group(1)).orElseThrow(() -> new AssertionError(m.group(1) + " missing"));
      assertThat(type.primaryIdentifier()).as(m.group(1)).isEqualTo(primary);
      schema.path("createOnlyProperties").forEach(p -> assertThat(type.createOnly()).as(m.group(1))
          .contains(p.asText().split("/")[2]));
      checked++;
    }
    assertThat(checked).isGreaterThan(1000);
  }
}
