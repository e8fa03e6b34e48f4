package io.github.lambdasdlc.local.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fn::Cidr, and the functions of the AWS::LanguageExtensions transform. */
class IntrinsicExtensionsTest {
  private static final PseudoParameters PSEUDO = PseudoParameters.of("eu-west-1", "000000000000", "app",
      "arn:aws:cloudformation:eu-west-1:000000000000:stack/app/1");

  private static JsonNode property(String transform, String expression) {
    Template template = Template.parse(transform + """
        Parameters:
          Zones: {Type: CommaDelimitedList, Default: "a,b,c"}
        Resources:
          R:
            Type: AWS::SNS::Topic
            Properties:
              X: %s
        """.formatted(expression));
    return template.evaluator(template.resolveParameters(Map.of(), Map.of(), Set.of()), PSEUDO, name -> null)
        .resolveProperties("R", new ResourceAttributes() {
          @Override
          public String ref(String logicalId) {
            return null;
          }

          @Override
          public JsonNode getAtt(String logicalId, String attribute) {
            return null;
          }
        }).get("X");
  }

  @Test
  void cidrCarvesBlocksInOrderAsCloudFormationDoes() {
    assertThat(property("", "!Cidr ['192.168.0.0/24', 6, 5]").toString()).isEqualTo("[\"192.168.0.0/27\","
        + "\"192.168.0.32/27\",\"192.168.0.64/27\",\"192.168.0.96/27\",\"192.168.0.128/27\",\"192.168.0.160/27\"]");
    assertThat(property("", "!Select [1, !Cidr ['10.1.0.0/16', '2', '12']]").asText()).isEqualTo("10.1.16.0/20");
    assertThat(property("", "!Cidr ['2001:db8::/56', 2, 64]").toString())
        .isEqualTo("[\"2001:db8::/64\",\"2001:db8:0:1::/64\"]");
    assertThatThrownBy(() -> property("", "!Cidr ['10.0.0.0/24', 3, 7]"))
        .hasMessage("Template error: Fn::Cidr cannot make 3 blocks of 7 host bits from 10.0.0.0/24");
  }

  @Test
  void lengthAndToJsonStringNeedTheLanguageExtensionsTransform() {
    String ext = "Transform: AWS::LanguageExtensions\n";
    assertThat(property(ext, "!Length [a, b]").asInt()).isEqualTo(2);
    assertThat(property(ext, "{'Fn::Length': !Ref Zones}").asInt()).isEqualTo(3);
    assertThat(property(ext, "{'Fn::ToJsonString': {Zones: !Ref Zones, Region: !Ref 'AWS::Region'}}").asText())
        .isEqualTo("{\"Zones\":[\"a\",\"b\",\"c\"],\"Region\":\"eu-west-1\"}");
    assertThatThrownBy(() -> property("", "!Length [a, b]"))
        .hasMessageStartingWith("Template format error: Encountered unsupported function: Fn::Length");
    assertThatThrownBy(() -> property("Transform: [AWS::LanguageExtensions, My::Macro]\n", "x"))
        .hasMessageContaining("is not supported by the local cloud");
  }
}
