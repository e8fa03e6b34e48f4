package io.github.lambdasdlc.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateReader.Aliases;
import org.junit.jupiter.api.Test;

/** The one template reader: the local cloud refuses aliases as CloudFormation does, the workflow expands them. */
class TemplateReaderTest {
  private static final String SHORT_FORMS = """
      Resources:
        Fn:
          Properties:
            Role: !GetAtt Role.Arn
            Name: !Sub "${AWS::StackName}-fn"
            MemorySize: 256
            Big: 12345678901
            Ratio: 1.10
            Version: 2010-09-09
      """;

  @Test
  void bothModesReadShortFormsAndNumbersAlike() {
    for (Aliases mode : Aliases.values()) {
      JsonNode props = TemplateReader.read(SHORT_FORMS, mode).path("Resources").path("Fn").path("Properties");
      assertThat(props.get("Role").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Role\",\"Arn\"]}");
      assertThat(props.get("Name").toString()).isEqualTo("{\"Fn::Sub\":\"${AWS::StackName}-fn\"}");
      // The node types a JSON template gives: int, long, exact decimal; a date stays text.
      assertThat(props.get("MemorySize").isInt()).isTrue();
      assertThat(props.get("Big").isLong()).isTrue();
      assertThat(props.get("Ratio").toString()).isEqualTo("1.10");
      assertThat(props.get("Version").isTextual()).isTrue();
      assertThat(props).isEqualTo(TemplateReader.read(
          "{\"Resources\": {\"Fn\": {\"Properties\": " + props + "}}}", mode).path("Resources").path("Fn")
          .path("Properties"));
    }
  }

  @Test
  void aliasesAreRefusedOrExpandedWithinBounds() {
    String aliased = "Shared: &m {MemorySize: 256}\nResources: {Fn: {Properties: *m}}";
    assertThatThrownBy(() -> TemplateReader.read(aliased, Aliases.REFUSE)).isInstanceOf(TemplateException.class)
        .hasMessage("Template error: YAML aliases are not allowed in CloudFormation templates");
    assertThat(TemplateReader.read(aliased, Aliases.EXPAND).at("/Resources/Fn/Properties/MemorySize").asInt())
        .isEqualTo(256);
    assertThatThrownBy(() -> TemplateReader.read("a: &a [*a]", Aliases.EXPAND)).isInstanceOf(TemplateException.class)
        .hasMessageContaining("an alias refers to a node that contains it");
  }

  @Test
  void unknownTagsAndBadSyntaxAreFormatErrorsInBothModes() {
    for (Aliases mode : Aliases.values()) {
      assertThatThrownBy(() -> TemplateReader.read("a: !Foo x", mode))
          .hasMessage("Template format error: YAML not well-formed. (line 1, column 4)");
      assertThatThrownBy(() -> TemplateReader.read("{\"a\": ", mode))
          .hasMessageStartingWith("Template format error: JSON not well-formed.");
    }
  }
}
