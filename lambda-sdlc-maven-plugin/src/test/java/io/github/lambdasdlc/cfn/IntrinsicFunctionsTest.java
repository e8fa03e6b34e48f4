package io.github.lambdasdlc.cfn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared intrinsic functions over a scope that knows only some values, as the workflow's drift check has. */
class IntrinsicFunctionsTest {
  private static final Map<String, String> KNOWN = Map.of("Stage", "dev", "AWS::Region", "eu-west-1");

  private static final IntrinsicFunctions.Scope SCOPE = new IntrinsicFunctions.Scope() {
    @Override
    public JsonNode ref(String name) {
      if (!KNOWN.containsKey(name)) {
        throw new IntrinsicFunctions.Unknown(name);
      }
      return TextNode.valueOf(KNOWN.get(name));
    }

    @Override
    public JsonNode getAtt(String logicalId, String attribute) {
      throw new IntrinsicFunctions.Unknown(logicalId + "." + attribute);
    }

    @Override
    public boolean condition(String name) {
      return name.equals("IsDev");
    }

    @Override
    public JsonNode mapping(String name) {
      return null;
    }

    @Override
    public String importValue(String name) {
      throw new IntrinsicFunctions.Unknown(name);
    }

    @Override
    public String region() {
      return "eu-west-1";
    }
  };

  private static JsonNode eval(String yaml) {
    return new IntrinsicFunctions(SCOPE).evaluate(TemplateReader.read("v: " + yaml, TemplateReader.Aliases.REFUSE)
        .get("v"), false);
  }

  @Test
  void functionsEvaluateOverWhatTheScopeKnows() {
    assertThat(eval("!Join ['-', [!Ref Stage, !Select [1, !GetAZs '']]]").asText()).isEqualTo("dev-eu-west-1b");
    assertThat(eval("!Sub '${Stage}/${AWS::Region}/${!Literal}'").asText()).isEqualTo("dev/eu-west-1/${Literal}");
    assertThat(eval("!If [IsDev, small, large]").asText()).isEqualTo("small");
    assertThat(eval("{A: !Ref AWS::NoValue, B: !Base64 x}").toString()).isEqualTo("{\"B\":\"eA==\"}");
  }

  @Test
  void whatOnlyCloudFormationKnowsStopsTheEvaluationAndTemplateErrorsKeepTheirWording() {
    assertThatThrownBy(() -> eval("!Sub '${Table.Arn}'")).isInstanceOf(IntrinsicFunctions.Unknown.class);
    assertThatThrownBy(() -> eval("!Ref Secret")).isInstanceOf(IntrinsicFunctions.Unknown.class);
    assertThatThrownBy(() -> eval("!FindInMap [M, a, b]")).isInstanceOf(TemplateException.class)
        .hasMessage("Template error: Mapping named 'M' is not present in the 'Mappings' section of template.");
    assertThatThrownBy(() -> eval("!Select [5, [a]]")).isInstanceOf(TemplateException.class)
        .hasMessage("Template error: Fn::Select cannot select nonexistent value at index 5");
  }
}
