package io.github.lambdasdlc.local.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateParseTest {

  private static JsonNode properties(String yaml) {
    return Template.parse(yaml).resources().get("R").properties();
  }

  private static JsonNode json(String text) throws Exception {
    return Json.MAPPER.readTree(text);
  }

  private static String withProperty(String value) {
    return """
        Parameters:
          P: {Type: String, Default: x}
          L: {Type: CommaDelimitedList, Default: "a,b"}
        Conditions:
          C: !Equals [!Ref P, x]
        Mappings:
          M: {K: {V: v}}
        Resources:
          Other: {Type: AWS::SNS::Topic}
          R:
            Type: AWS::SNS::Topic
            Properties:
              X: %s
        """.formatted(value);
  }

  @Test
  void shortTagsBecomeLongForms() throws Exception {
    assertThat(properties(withProperty("!Ref P")).get("X")).isEqualTo(json("{\"Ref\":\"P\"}"));
    assertThat(properties(withProperty("!GetAtt Other.TopicName")).get("X"))
        .isEqualTo(json("{\"Fn::GetAtt\":[\"Other\",\"TopicName\"]}"));
    assertThat(properties(withProperty("!GetAtt [Other, TopicName]")).get("X"))
        .isEqualTo(json("{\"Fn::GetAtt\":[\"Other\",\"TopicName\"]}"));
    assertThat(properties(withProperty("!Sub '${P}-x'")).get("X")).isEqualTo(json("{\"Fn::Sub\":\"${P}-x\"}"));
    assertThat(properties(withProperty("!Sub ['${A}', {A: !Ref P}]")).get("X"))
        .isEqualTo(json("{\"Fn::Sub\":[\"${A}\",{\"A\":{\"Ref\":\"P\"}}]}"));
    assertThat(properties(withProperty("!Join [',', [a, b]]")).get("X"))
        .isEqualTo(json("{\"Fn::Join\":[\",\",[\"a\",\"b\"]]}"));
    assertThat(properties(withProperty("!Select [0, !Ref L]")).get("X"))
        .isEqualTo(json("{\"Fn::Select\":[0,{\"Ref\":\"L\"}]}"));
    assertThat(properties(withProperty("!Split [',', 'a,b']")).get("X"))
        .isEqualTo(json("{\"Fn::Split\":[\",\",\"a,b\"]}"));
    assertThat(properties(withProperty("!If [C, a, !Ref AWS::NoValue]")).get("X"))
        .isEqualTo(json("{\"Fn::If\":[\"C\",\"a\",{\"Ref\":\"AWS::NoValue\"}]}"));
    assertThat(properties(withProperty("!FindInMap [M, K, V]")).get("X"))
        .isEqualTo(json("{\"Fn::FindInMap\":[\"M\",\"K\",\"V\"]}"));
    assertThat(properties(withProperty("!ImportValue shared-vpc")).get("X"))
        .isEqualTo(json("{\"Fn::ImportValue\":\"shared-vpc\"}"));
    assertThat(properties(withProperty("!Base64 hello")).get("X")).isEqualTo(json("{\"Fn::Base64\":\"hello\"}"));
    assertThat(properties(withProperty("!GetAZs ''")).get("X")).isEqualTo(json("{\"Fn::GetAZs\":\"\"}"));
    assertThat(properties(withProperty("!Cidr ['10.0.0.0/16', 4, 8]")).get("X"))
        .isEqualTo(json("{\"Fn::Cidr\":[\"10.0.0.0/16\",4,8]}"));
  }

  @Test
  void conditionTagsBecomeLongForms() throws Exception {
    Template template = Template.parse("""
        Parameters:
          P: {Type: String, Default: x}
        Conditions:
          A: !Equals [!Ref P, x]
          B: !Not [!Condition A]
          C: !And [!Condition A, !Or [!Condition B, !Equals [a, a]]]
        Resources:
          R: {Type: AWS::SNS::Topic, Condition: C}
        """);
    assertThat(template.conditions().get("B")).isEqualTo(json("{\"Fn::Not\":[{\"Condition\":\"A\"}]}"));
    assertThat(template.conditions().get("C")).isEqualTo(json(
        "{\"Fn::And\":[{\"Condition\":\"A\"},{\"Fn::Or\":[{\"Condition\":\"B\"},{\"Fn::Equals\":[\"a\",\"a\"]}]}]}"));
    assertThat(template.resources().get("R").condition()).isEqualTo("C");
  }

  @Test
  void yamlScalarsKeepTheTextCloudFormationSees() {
    Template template = Template.parse("""
        AWSTemplateFormatVersion: 2010-09-09
        Description: dates and numbers
        Resources:
          R:
            Type: AWS::SNS::Topic
            Properties:
              Day: 2024-01-31
              Timeout: 30
              Ratio: 1.10
              Mode: 0755
              Quoted: '42'
              Enabled: yes
              Off: false
              Nothing:
        """);
    JsonNode p = template.resources().get("R").properties();
    assertThat(p.get("Day").isTextual()).isTrue();
    assertThat(p.get("Day").asText()).isEqualTo("2024-01-31");
    assertThat(p.get("Timeout").isInt()).isTrue();
    assertThat(p.get("Timeout").asInt()).isEqualTo(30);
    assertThat(p.get("Ratio").asText()).isEqualTo("1.10");
    assertThat(p.get("Mode").asText()).isEqualTo("0755");
    assertThat(p.get("Quoted").isTextual()).isTrue();
    assertThat(p.get("Enabled").booleanValue()).isTrue();
    assertThat(p.get("Off").booleanValue()).isFalse();
    assertThat(p.get("Nothing").isNull()).isTrue();
    assertThat(template.description()).isEqualTo("dates and numbers");
  }

  @Test
  void jsonTemplatesKeepDecimalText() {
    Template template = Template.parse("""
          {"AWSTemplateFormatVersion": "2010-09-09",
           "Resources": {"R": {"Type": "AWS::SNS::Topic", "Properties": {"Ratio": 1.10, "N": 3}}}}
        """);
    JsonNode p = template.resources().get("R").properties();
    assertThat(p.get("Ratio").asText()).isEqualTo("1.10");
    assertThat(p.get("N").isInt()).isTrue();
  }

  @Test
  void yamlNeverConstructsJavaObjects() {
    assertThatThrownBy(() -> Template.parse("""
        Resources:
          R:
            Type: AWS::SNS::Topic
            Properties:
              X: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ["http://127.0.0.1:1/"]]]]
        """)).isInstanceOf(TemplateException.class)
        .hasMessage("Template format error: YAML not well-formed. (line 5, column 10)");
  }

  @Test
  void unknownLocalTagIsNotWellFormed() {
    assertThatThrownBy(() -> Template.parse("Resources:\n  R:\n    Type: !Foo bar\n"))
        .hasMessage("Template format error: YAML not well-formed. (line 3, column 11)");
  }

  @Test
  void inlineCodeBlockKeepsItsLines() {
    Template template = Template.parse("""
        Resources:
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Code:
                ZipFile: |
                  def handler(event, context):
                      return {"ok": True}
        """);
    assertThat(template.resources().get("Fn").properties().at("/Code/ZipFile").asText())
        .isEqualTo("def handler(event, context):\n    return {\"ok\": True}\n");
  }

  @Test
  void malformedYamlReportsLineAndColumn() {
    assertThatThrownBy(() -> Template.parse("Resources:\n  R:\n    Type: [unclosed\n"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("Template format error: YAML not well-formed. (line ");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: A}\n  R: {Type: B}\n"))
        .hasMessage("Template format error: YAML not well-formed. (line 3, column 3)");
  }

  @Test
  void malformedJsonReportsLineAndColumn() {
    assertThatThrownBy(() -> Template.parse("{bad"))
        .hasMessage("Template format error: JSON not well-formed. (line 1, column 2)");
    assertThatThrownBy(() -> Template.parse("{\"Resources\": {}} trailing"))
        .hasMessageStartingWith("Template format error: JSON not well-formed. (line 1, column ");
  }

  @Test
  void structuralErrorsUseCloudFormationWording() {
    assertThatThrownBy(() -> Template.parse("Description: nothing\n"))
        .hasMessage("Template format error: At least one Resources member must be defined.");
    assertThatThrownBy(() -> Template.parse("{\"Resources\": {}}"))
        .hasMessage("Template format error: At least one Resources member must be defined.");
    assertThatThrownBy(() -> Template.parse("Foo: 1\nBar: 2\nResources:\n  R: {Type: AWS::SNS::Topic}\n"))
        .hasMessage("Template format error: Invalid template property or properties [Bar, Foo]");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Properties: {}}\n"))
        .hasMessage("Template format error: [/Resources/R] Every Resources object must contain a Type member.");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: [a]}\n"))
        .hasMessage("Template format error: [/Resources/R] Every Type member must be a string.");
    assertThatThrownBy(() -> Template.parse("Resources:\n  My_Bucket: {Type: AWS::S3::Bucket}\n"))
        .hasMessage("Template format error: Resource name My_Bucket is non alphanumeric.");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: AWS::S3::Bucket, Foo: 1}\n"))
        .hasMessage("Invalid template resource property 'Foo'");
    assertThatThrownBy(() -> Template.parse("just text"))
        .hasMessage("Template format error: unsupported structure.");
    assertThatThrownBy(() -> Template.parse("AWSTemplateFormatVersion: '2011-01-01'\nResources:\n"
        + "  R: {Type: AWS::SNS::Topic}\n"))
        .hasMessage("Template format error: unsupported value for AWSTemplateFormatVersion.");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: AWS::SNS::Topic}\nOutputs:\n  O: {}\n"))
        .hasMessageStartingWith("Template format error: Every Outputs member must contain a Value object");
  }

  @Test
  void logicalIdsMayBeLongButNotOverTheQuota() {
    String ok = "A".repeat(255);
    assertThat(Template.parse("Resources:\n  " + ok + ": {Type: AWS::SNS::Topic}\n").resources()).containsKey(ok);
    String tooLong = "A".repeat(256);
    assertThatThrownBy(() -> Template.parse("Resources:\n  " + tooLong + ": {Type: AWS::SNS::Topic}\n"))
        .hasMessageContaining("exceeds the maximum length of 255 characters");
  }

  @Test
  void unresolvedReferencesAreRejected() {
    assertThatThrownBy(() -> Template.parse(withProperty("!Ref Nope")))
        .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the "
            + "template");
    assertThatThrownBy(() -> Template.parse(withProperty("!Sub '${Nope}-${AWS::Region}-${!Literal}'")))
        .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Resources block of the "
            + "template");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: AWS::SNS::Topic, DependsOn: [Zed]}\n"))
        .hasMessage("Template format error: Unresolved resource dependencies [Zed] in the Resources block of the "
            + "template");
    assertThatThrownBy(() -> Template.parse(withProperty("!GetAtt Ghost.Arn")))
        .hasMessage("Template error: instance of Fn::GetAtt references undefined resource Ghost");
    assertThatThrownBy(() -> Template.parse(withProperty("!Sub '${Ghost.Arn}'")))
        .hasMessage("Template error: instance of Fn::GetAtt references undefined resource Ghost");
    assertThatThrownBy(() -> Template.parse(withProperty("!If [Nope, a, b]")))
        .hasMessage("Template error: unresolved condition dependency Nope in Fn::If");
    assertThatThrownBy(() -> Template.parse(withProperty("!FindInMap [Nope, a, b]")))
        .hasMessage("Template error: Mapping named 'Nope' is not present in the 'Mappings' section of template.");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: AWS::SNS::Topic}\n"
        + "Outputs:\n  O: {Value: !Ref Nope}\n"))
        .hasMessage("Template format error: Unresolved resource dependencies [Nope] in the Outputs block of the "
            + "template");
    assertThatThrownBy(() -> Template.parse("Resources:\n  R: {Type: AWS::SNS::Topic, Condition: Nope}\n"))
        .hasMessage("Template format error: Unresolved condition dependency Nope in the Resources block of the "
            + "template");
    assertThatThrownBy(() -> Template.parse("Conditions:\n  C: !Equals [!Ref R, x]\n"
        + "Resources:\n  R: {Type: AWS::SNS::Topic}\n"))
        .hasMessage("Template format error: Unresolved dependencies [R]. Cannot reference resources in the "
            + "Conditions block of the template");
  }

  @Test
  void unknownFunctionsAndMacrosAreRejected() {
    assertThatThrownBy(() -> Template.parse("{\"Resources\": {\"R\": {\"Type\": \"AWS::SNS::Topic\", "
        + "\"Properties\": {\"X\": {\"Fn::Nope\": 1}}}}}"))
        .hasMessageStartingWith("Template format error: Encountered unsupported function: Fn::Nope Supported "
            + "functions are: [Fn::Base64, Fn::GetAtt");
    assertThatThrownBy(() -> Template.parse("Transform: AWS::Serverless-2016-10-31\n"
        + "Resources:\n  R: {Type: AWS::Serverless::Function}\n"))
        .hasMessageContaining("Transform \"AWS::Serverless-2016-10-31\" is not supported by the local cloud");
    assertThatThrownBy(() -> Template.parse(withProperty("{'Fn::Transform': {Name: M}}")))
        .hasMessageContaining("Fn::Transform is not supported by the local cloud");
  }

  @Test
  void circularDependenciesAreRejected() {
    assertThatThrownBy(() -> Template.parse("""
        Resources:
          A: {Type: AWS::SNS::Topic, DependsOn: B}
          B: {Type: AWS::SNS::Topic, Properties: {X: !GetAtt C.Arn}}
          C: {Type: AWS::SNS::Topic, Properties: {X: !Sub '${A}'}}
          D: {Type: AWS::SNS::Topic, DependsOn: A}
        """)).hasMessage("Circular dependency between resources: [A, B, C]");
    assertThatThrownBy(() -> Template.parse("Resources:\n  A: {Type: AWS::SNS::Topic, Properties: {X: !Ref A}}\n"))
        .hasMessage("Circular dependency between resources: [A]");
  }

  @Test
  void bodyOverTheRequestLimitIsRejected() {
    String padding = "#" + "x".repeat(Template.MAX_BODY_BYTES) + "\n";
    assertThatThrownBy(() -> Template.parse(padding + "Resources:\n  R: {Type: AWS::SNS::Topic}\n"))
        .hasMessageStartingWith("1 validation error detected: Value '#xxx")
        .hasMessageEndingWith("' at 'templateBody' failed to satisfy constraint: Member must have length less "
            + "than or equal to 51200");
  }

  @Test
  void rulesHooksAndMetadataAreAccepted() {
    Template template = Template.parse("""
        Metadata:
          AWS::CloudFormation::Interface: {}
        Rules:
          R1:
            Assertions:
              - Assert: !Equals [a, a]
        Hooks: {}
        Resources:
          R:
            Type: AWS::SNS::Topic
            DeletionPolicy: Retain
            DependsOn: Q
          Q: {Type: AWS::SNS::Topic}
        """);
    assertThat(template.resources().get("R").deletionPolicy()).isEqualTo("Retain");
    assertThat(template.resources().get("R").dependsOn()).isEqualTo(List.of("Q"));
    assertThat(template.resources().get("Q").deletionPolicy()).isEqualTo("Delete");
    assertThat(template.resources().get("Q").properties().isEmpty()).isTrue();
    assertThat(template.resources().keySet()).containsExactly("R", "Q");
  }

  @Test
  void capabilitiesFollowIamResources() {
    assertThat(Template.parse("Resources:\n  T: {Type: AWS::SNS::Topic}\n").requiredCapabilities()).isEmpty();
    assertThat(Template.parse("Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {Path: /}}\n"
        + "  P: {Type: AWS::IAM::Policy, Properties: {PolicyName: p}}\n").requiredCapabilities())
        .containsExactly("CAPABILITY_IAM");
    assertThat(Template.parse("Resources:\n  Role: {Type: AWS::IAM::Role, Properties: {RoleName: r}}\n")
        .requiredCapabilities()).containsExactly("CAPABILITY_NAMED_IAM");
    assertThat(Template.parse("Resources:\n  U: {Type: AWS::IAM::User, Properties: {UserName: u}}\n")
        .requiredCapabilities()).containsExactly("CAPABILITY_NAMED_IAM");
    assertThat(Template.parse("Resources:\n  G: {Type: AWS::IAM::UserToGroupAddition}\n").requiredCapabilities())
        .containsExactly("CAPABILITY_IAM");
  }

  @Test
  void bodyIsKeptAsGiven() {
    String body = "# comment\nResources:\n  R: {Type: AWS::SNS::Topic}\n";
    assertThat(Template.parse(body).body()).isEqualTo(body);
  }
}
