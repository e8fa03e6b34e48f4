package io.github.lambdasdlc.local.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.cfn.TemplateException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateParametersTest {

  private static Template withParameters(String parameters) {
    return Template.parse("Parameters:\n" + parameters.indent(2) + "Resources:\n  R: {Type: AWS::SNS::Topic}\n");
  }

  private static Map<String, String> resolve(Template template, Map<String, String> given) {
    return template.resolveParameters(given, Map.of(), Set.of());
  }

  @Test
  void declarationsAreReadInTemplateOrder() {
    Template template = withParameters("""
        Env:
          Type: String
          Default: dev
          Description: Stage
          AllowedValues: [dev, prod]
          ConstraintDescription: must be dev or prod
        Password: {Type: String, NoEcho: true, MinLength: 8, MaxLength: 41, AllowedPattern: '[a-zA-Z0-9]*'}
        Memory: {Type: Number, MinValue: 128, MaxValue: '10240'}
        """);
    assertThat(template.parameters().keySet()).containsExactly("Env", "Password", "Memory");
    assertThat(template.parameters().get("Env")).isEqualTo(new ParameterDeclaration("Env", "String", "dev", "Stage",
        false, java.util.List.of("dev", "prod"), null, null, null, null, null, "must be dev or prod"));
    ParameterDeclaration password = template.parameters().get("Password");
    assertThat(password.noEcho()).isTrue();
    assertThat(password.minLength()).isEqualTo(8);
    assertThat(password.maxLength()).isEqualTo(41);
    assertThat(template.parameters().get("Memory").minValue()).isEqualTo("128");
    assertThat(template.parameters().get("Memory").maxValue()).isEqualTo("10240");
  }

  @Test
  void missingAndUnknownParameters() {
    Template template = withParameters("A: {Type: String}\nB: {Type: String}\nC: {Type: String, Default: c}\n");
    assertThatThrownBy(() -> resolve(template, Map.of()))
        .isInstanceOf(TemplateException.class).hasMessage("Parameters: [A, B] must have values");
    assertThatThrownBy(() -> resolve(template, Map.of("A", "a", "B", "b", "Z", "z")))
        .hasMessage("Parameters: [Z] do not exist in the template");
    assertThat(resolve(template, Map.of("A", "a", "B", "b")))
        .containsExactly(Map.entry("A", "a"), Map.entry("B", "b"), Map.entry("C", "c"));
  }

  @Test
  void previousValuesAreKeptOnRequest() {
    Template template = withParameters("A: {Type: String}\nB: {Type: String, Default: d}\n");
    assertThat(template.resolveParameters(Map.of(), Map.of("A", "old", "B", "kept"), Set.of("A", "B")))
        .containsEntry("A", "old").containsEntry("B", "kept");
    assertThat(template.resolveParameters(Map.of("A", "new"), Map.of("A", "old", "B", "kept"), Set.of()))
        .containsEntry("A", "new").containsEntry("B", "d");
    assertThatThrownBy(() -> template.resolveParameters(Map.of("B", "x"), Map.of(), Set.of("A")))
        .hasMessage("Parameters: [A] must have values");
  }

  @Test
  void stringConstraints() {
    Template template = withParameters("""
        Env: {Type: String, AllowedValues: [dev, prod]}
        Name: {Type: String, AllowedPattern: '[a-z]+', MinLength: 3, MaxLength: 5}
        """);
    assertThatThrownBy(() -> resolve(template, Map.of("Env", "test", "Name", "abc")))
        .hasMessage("Parameter 'Env' must be one of AllowedValues");
    assertThatThrownBy(() -> resolve(template, Map.of("Env", "dev", "Name", "ABC")))
        .hasMessage("Parameter 'Name' must match pattern [a-z]+");
    assertThatThrownBy(() -> resolve(template, Map.of("Env", "dev", "Name", "ab")))
        .hasMessage("Parameter 'Name' must contain at least 3 characters");
    assertThatThrownBy(() -> resolve(template, Map.of("Env", "dev", "Name", "abcdef")))
        .hasMessage("Parameter 'Name' must contain at most 5 characters");
    assertThat(resolve(template, Map.of("Env", "prod", "Name", "abcd"))).containsEntry("Name", "abcd");
  }

  @Test
  void numberConstraints() {
    Template template = withParameters("Memory: {Type: Number, MinValue: 128, MaxValue: 10240}\n");
    assertThatThrownBy(() -> resolve(template, Map.of("Memory", "lots")))
        .hasMessage("Parameter 'Memory' must be a number.");
    assertThatThrownBy(() -> resolve(template, Map.of("Memory", "64")))
        .hasMessage("Parameter 'Memory' must be a number not less than 128");
    assertThatThrownBy(() -> resolve(template, Map.of("Memory", "20000")))
        .hasMessage("Parameter 'Memory' must be a number not greater than 10240");
    assertThat(resolve(template, Map.of("Memory", "512.5"))).containsEntry("Memory", "512.5");
  }

  @Test
  void constraintDescriptionReplacesTheDefaultMessage() {
    Template template = withParameters("""
        Name:
          Type: String
          AllowedPattern: '[a-z]+'
          ConstraintDescription: must be lower-case letters only
        """);
    assertThatThrownBy(() -> resolve(template, Map.of("Name", "ABC")))
        .hasMessage("Parameter Name failed to satisfy constraint: must be lower-case letters only");
  }

  @Test
  void listTypesCheckEachMember() {
    Template template = withParameters("""
        Zones: {Type: CommaDelimitedList, AllowedValues: [a, b, c]}
        Sizes: {Type: List<Number>, MaxValue: 10}
        Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}
        """);
    assertThat(resolve(template, Map.of("Zones", "a, b", "Sizes", "1,2", "Subnets", "subnet-1,subnet-2")))
        .containsEntry("Zones", "a, b");
    assertThatThrownBy(() -> resolve(template, Map.of("Zones", "a,d", "Sizes", "1", "Subnets", "s")))
        .hasMessage("Parameter 'Zones' must be one of AllowedValues");
    assertThatThrownBy(() -> resolve(template, Map.of("Zones", "a", "Sizes", "1,x", "Subnets", "s")))
        .hasMessage("Parameter 'Sizes' must be a number.");
    assertThatThrownBy(() -> resolve(template, Map.of("Zones", "a", "Sizes", "1,11", "Subnets", "s")))
        .hasMessage("Parameter 'Sizes' must be a number not greater than 10");
  }

  @Test
  void awsSpecificTypesAreStrings() {
    Template template = withParameters("Key: {Type: 'AWS::EC2::KeyPair::KeyName', MinLength: 1}\n");
    assertThat(resolve(template, Map.of("Key", "my-key"))).containsEntry("Key", "my-key");
    assertThatThrownBy(() -> resolve(template, Map.of("Key", "")))
        .hasMessage("Parameter 'Key' must contain at least 1 characters");
  }

  @Test
  void ssmParametersCannotBeResolvedLocally() {
    Template template = withParameters(
        "Ami: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /aws/service/ami}\n");
    assertThatThrownBy(() -> resolve(template, Map.of()))
        .hasMessageContaining("Parameter 'Ami' is of type AWS::SSM::Parameter::Value<String>, which the local "
            + "cloud cannot resolve");
  }

  @Test
  void declarationErrors() {
    assertThatThrownBy(() -> withParameters("P: {Type: Strng}\n"))
        .hasMessage("Template format error: Unrecognized parameter type: Strng");
    assertThatThrownBy(() -> withParameters("P: {Default: x}\n"))
        .hasMessage("Template format error: Every Parameters object must contain a Type member.");
    assertThatThrownBy(() -> withParameters("P: {Type: String, Foo: x}\n"))
        .hasMessage("Invalid template parameter property 'Foo'");
    assertThatThrownBy(() -> withParameters("P: {Type: String, AllowedValues: x}\n"))
        .hasMessage("Template format error: Every AllowedValues member must be a list.");
    assertThatThrownBy(() -> withParameters("P: {Type: String, Default: !Sub x}\n"))
        .hasMessage("Template format error: Every Default member must be a string.");
    assertThatThrownBy(() -> withParameters("P_1: {Type: String}\n"))
        .hasMessage("Template format error: Parameter name P_1 is non alphanumeric.");
    // A default is checked against its own constraints when the template is validated.
    assertThatThrownBy(() -> withParameters("Naming: {Type: String, Default: aws-ab-, MinLength: 12}\n"))
        .hasMessage("Parameter 'Naming' must contain at least 12 characters");
  }

  @Test
  void yamlNumbersAndBooleansAsDefaultsAreText() {
    Template template = withParameters("Memory: {Type: Number, Default: 512}\nFlag: {Type: String, Default: true}\n");
    assertThat(resolve(template, Map.of())).containsEntry("Memory", "512").containsEntry("Flag", "true");
  }

  @Test
  void noEchoValuesAreMaskedForDisplay() {
    Template template = withParameters("Secret: {Type: String, NoEcho: true}\nPlain: {Type: String}\n");
    Map<String, String> values = resolve(template, Map.of("Secret", "hunter2", "Plain", "p"));
    assertThat(values).containsEntry("Secret", "hunter2");
    assertThat(template.displayedParameters(values)).containsEntry("Secret", "****").containsEntry("Plain", "p");
  }
}
