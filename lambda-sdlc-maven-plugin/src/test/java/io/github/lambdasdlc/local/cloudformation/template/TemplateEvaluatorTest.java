package io.github.lambdasdlc.local.cloudformation.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.local.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplateEvaluatorTest {
  private static final PseudoParameters PSEUDO = PseudoParameters.of("eu-west-1", "123456789012", "demo",
      "arn:aws:cloudformation:eu-west-1:123456789012:stack/demo/1b2c");
  private static final ImportResolver IMPORTS = name -> name.equals("shared-vpc") ? Optional.of("vpc-123")
      : Optional.empty();

  /** What the stack engine would answer: physical ids and attributes of created resources; records asks. */
  private static final class Created implements ResourceAttributes {
    final List<String> asked = new ArrayList<>();

    @Override
    public String ref(String logicalId) {
      asked.add("Ref " + logicalId);
      return "phys-" + logicalId;
    }

    @Override
    public JsonNode getAtt(String logicalId, String attribute) {
      asked.add("GetAtt " + logicalId + "." + attribute);
      if (attribute.equals("Zones")) {
        return Json.MAPPER.createArrayNode().add("z1").add("z2");
      }
      if (attribute.equals("Bad")) {
        throw new TemplateException("Template error: resource " + logicalId + " does not support attribute type "
            + attribute + " in Fn::GetAtt");
      }
      return TextNode.valueOf("arn:" + logicalId + ":" + attribute);
    }
  }

  private static TemplateEvaluator evaluator(String yaml, Map<String, String> given) {
    Template template = Template.parse(yaml);
    return template.evaluator(template.resolveParameters(given, Map.of(), Set.of()), PSEUDO, IMPORTS);
  }

  private static JsonNode x(String expression) {
    return x(expression, Map.of());
  }

  private static JsonNode x(String expression, Map<String, String> given) {
    String yaml = """
        Parameters:
          Name: {Type: String, Default: app}
          Zones: {Type: CommaDelimitedList, Default: "a, b,c"}
          Sizes: {Type: 'List<Number>', Default: "1,2"}
          Size: {Type: Number, Default: 3}
        Mappings:
          Regions:
            eu-west-1: {Ami: ami-eu, Zones: [x, y]}
        Conditions:
          IsApp: !Equals [!Ref Name, app]
          IsProd: !Equals [prod, !Ref Name]
          Both: !And [!Condition IsApp, !Not [!Condition IsProd]]
          Either: !Or [!Condition IsProd, !Equals [!Ref Size, 3]]
        Resources:
          Other: {Type: AWS::SNS::Topic}
          R:
            Type: AWS::SNS::Topic
            Properties:
              X: %s
        """.formatted(expression);
    return evaluator(yaml, given).resolveProperties("R", new Created()).get("X");
  }

  @Test
  void pseudoParameters() {
    assertThat(x("!Ref AWS::Region").asText()).isEqualTo("eu-west-1");
    assertThat(x("!Ref AWS::AccountId").asText()).isEqualTo("123456789012");
    assertThat(x("!Ref AWS::StackName").asText()).isEqualTo("demo");
    assertThat(x("!Ref AWS::StackId").asText()).isEqualTo(PSEUDO.stackId());
    assertThat(x("!Ref AWS::Partition").asText()).isEqualTo("aws");
    assertThat(x("!Ref AWS::URLSuffix").asText()).isEqualTo("amazonaws.com");
    assertThat(x("!Ref AWS::NotificationARNs").isArray()).isTrue();
    assertThat(x("!Ref AWS::NotificationARNs")).isEmpty();
    assertThat(x("!Ref AWS::NoValue")).isNull();
  }

  @Test
  void noValueRemovesKeysAndListElements() {
    JsonNode list = x("[a, !Ref AWS::NoValue, !If [IsProd, c, !Ref AWS::NoValue], d]");
    assertThat(list.toString()).isEqualTo("[\"a\",\"d\"]");
    JsonNode object = x("{Keep: 1, Drop: !Ref AWS::NoValue}");
    assertThat(object.toString()).isEqualTo("{\"Keep\":1}");
  }

  @Test
  void refToParametersAndResources() {
    assertThat(x("!Ref Name").asText()).isEqualTo("app");
    assertThat(x("!Ref Name", Map.of("Name", "web")).asText()).isEqualTo("web");
    assertThat(x("!Ref Zones").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
    assertThat(x("!Ref Sizes").toString()).isEqualTo("[\"1\",\"2\"]");
    assertThat(x("!Ref Size").asText()).isEqualTo("3");
    assertThat(x("!Ref Other").asText()).isEqualTo("phys-Other");
  }

  @Test
  void getAttInBothForms() {
    assertThat(x("!GetAtt Other.Arn").asText()).isEqualTo("arn:Other:Arn");
    assertThat(x("{'Fn::GetAtt': [Other, TopicName]}").asText()).isEqualTo("arn:Other:TopicName");
    assertThat(x("{'Fn::GetAtt': Other.Arn}").asText()).isEqualTo("arn:Other:Arn");
    assertThat(x("!GetAtt Other.Zones").toString()).isEqualTo("[\"z1\",\"z2\"]");
    assertThatThrownBy(() -> x("!GetAtt Other.Bad"))
        .hasMessage("Template error: resource Other does not support attribute type Bad in Fn::GetAtt");
    assertThatThrownBy(() -> x("{'Fn::GetAtt': [Other]}"))
        .hasMessage("Template error: every Fn::GetAtt object requires two non-empty parameters");
  }

  @Test
  void subInStringAndListForms() {
    assertThat(x("!Sub '${Name}-${AWS::Region}-${Other}-${Other.Arn}-${!Literal}'").asText())
        .isEqualTo("app-eu-west-1-phys-Other-arn:Other:Arn-${Literal}");
    assertThat(x("!Sub ['${A}/${B}/${Name}', {A: !Ref Other, B: !Join [',', [p, q]]}]").asText())
        .isEqualTo("phys-Other/p,q/app");
    assertThat(x("!Sub 'arn:${AWS::Partition}:s3:::${Name}/*'").asText()).isEqualTo("arn:aws:s3:::app/*");
    assertThat(x("!Sub 'open ${ never closed'").asText()).isEqualTo("open ${ never closed");
    assertThatThrownBy(() -> x("!Sub '${Zones}'"))
        .hasMessage("Template error: variable Zones in Fn::Sub expression does not resolve to a string");
    assertThatThrownBy(() -> x("!Sub '${bad name}'"))
        .hasMessage("Template error: variable names in Fn::Sub syntax must contain only alphanumeric characters, "
            + "underscores, periods, and colons");
  }

  @Test
  void joinSelectSplit() {
    assertThat(x("!Join ['-', [a, !Ref Name, 3]]").asText()).isEqualTo("a-app-3");
    assertThat(x("!Join [',', !Ref Zones]").asText()).isEqualTo("a,b,c");
    assertThat(x("!Join ['', []]").asText()).isEmpty();
    assertThat(x("!Select [1, !Ref Zones]").asText()).isEqualTo("b");
    assertThat(x("!Select ['0', [p, q]]").asText()).isEqualTo("p");
    assertThat(x("!Select [2, !Split [/, 'https://host.example/path']]").asText()).isEqualTo("host.example");
    assertThat(x("!Split [',', 'a,,b,']").toString()).isEqualTo("[\"a\",\"\",\"b\",\"\"]");
    assertThatThrownBy(() -> x("!Select [5, !Ref Zones]"))
        .hasMessage("Template error: Fn::Select cannot select nonexistent value at index 5");
    assertThatThrownBy(() -> x("!Join [',', !Ref Name]"))
        .hasMessageStartingWith("Template error: every Fn::Join object requires two parameters");
  }

  @Test
  void conditionsAndIf() {
    TemplateEvaluator evaluator = evaluator("""
        Parameters:
          Name: {Type: String, Default: app}
          Size: {Type: Number, Default: 3}
        Conditions:
          IsApp: !Equals [!Ref Name, app]
          IsProd: !Equals [prod, !Ref Name]
          Both: !And [!Condition IsApp, !Not [!Condition IsProd]]
          Either: !Or [!Condition IsProd, !Equals [!Ref Size, 3]]
          Regional: !Equals [!FindInMap [M, !Ref 'AWS::Region', Ami], ami-eu]
        Mappings:
          M: {eu-west-1: {Ami: ami-eu}}
        Resources:
          R: {Type: AWS::SNS::Topic}
        """, Map.of());
    assertThat(evaluator.conditions()).containsExactly(Map.entry("IsApp", true), Map.entry("IsProd", false),
        Map.entry("Both", true), Map.entry("Either", true), Map.entry("Regional", true));
    assertThat(x("!If [IsProd, big, small]").asText()).isEqualTo("small");
    assertThat(x("!If [IsProd, big, small]", Map.of("Name", "prod")).asText()).isEqualTo("big");
    assertThat(x("!If [Both, !Ref Other, none]").asText()).isEqualTo("phys-Other");
  }

  @Test
  void findInMapImportValueBase64GetAzsCidr() {
    assertThat(x("!FindInMap [Regions, !Ref 'AWS::Region', Ami]").asText()).isEqualTo("ami-eu");
    assertThat(x("!FindInMap [Regions, eu-west-1, Zones]").toString()).isEqualTo("[\"x\",\"y\"]");
    assertThatThrownBy(() -> x("!FindInMap [Regions, us-east-1, Ami]"))
        .hasMessage("Template error: Unable to get mapping for Regions::us-east-1::Ami");
    assertThat(x("!ImportValue shared-vpc").asText()).isEqualTo("vpc-123");
    assertThat(x("!ImportValue {'Fn::Sub': 'shared-${Name}'}", Map.of("Name", "vpc")).asText()).isEqualTo("vpc-123");
    assertThatThrownBy(() -> x("!ImportValue missing-export")).hasMessage("No export named missing-export found");
    assertThat(x("!Base64 hello").asText()).isEqualTo("aGVsbG8=");
    assertThat(x("!GetAZs ''").toString()).isEqualTo("[\"eu-west-1a\",\"eu-west-1b\",\"eu-west-1c\"]");
    assertThat(x("!GetAZs us-east-1").get(0).asText()).isEqualTo("us-east-1a");
    assertThat(x("!Select [0, !GetAZs {Ref: 'AWS::Region'}]").asText()).isEqualTo("eu-west-1a");
    assertThat(x("!Cidr ['10.0.0.0/16', 4, 8]").toString())
        .isEqualTo("[\"10.0.0.0/24\",\"10.0.1.0/24\",\"10.0.2.0/24\",\"10.0.3.0/24\"]");
  }

  @Test
  void creationOrderFollowsDependenciesThenTemplateOrder() {
    TemplateEvaluator evaluator = evaluator("""
        Resources:
          Log: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !Sub '/aws/lambda/${Fn}'}}
          Fn: {Type: AWS::Lambda::Function, Properties: {Role: !GetAtt Role.Arn}}
          Topic: {Type: AWS::SNS::Topic}
          Role: {Type: AWS::IAM::Role}
          Alarm: {Type: AWS::CloudWatch::Alarm, DependsOn: [Topic, Log]}
        """, Map.of());
    assertThat(evaluator.creationOrder()).containsExactly("Topic", "Role", "Fn", "Log", "Alarm");
    assertThat(evaluator.dependenciesOf("Alarm")).containsExactly("Topic", "Log");
    assertThat(evaluator.dependenciesOf("Log")).containsExactly("Fn");
    assertThat(evaluator.dependenciesOf("Topic")).isEmpty();
  }

  @Test
  void conditionsShapeTheGraph() {
    String template = """
        Parameters:
          WithQueue: {Type: String, Default: 'no', AllowedValues: ['yes', 'no']}
        Conditions:
          HasQueue: !Equals [!Ref WithQueue, 'yes']
        Resources:
          Queue: {Type: AWS::SQS::Queue, Condition: HasQueue}
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Dlq: !If [HasQueue, !GetAtt Queue.Arn, !Ref AWS::NoValue]
        Outputs:
          QueueUrl: {Condition: HasQueue, Value: !Ref Queue}
          FnName: {Value: !Ref Fn}
        """;
    TemplateEvaluator without = evaluator(template, Map.of());
    assertThat(without.creationOrder()).containsExactly("Fn");
    assertThat(without.isIncluded("Queue")).isFalse();
    assertThat(without.resolveProperties("Fn", new Created()).has("Dlq")).isFalse();
    assertThat(without.resolveOutputs(new Created())).extracting(ResolvedOutput::key).containsExactly("FnName");

    TemplateEvaluator with = evaluator(template, Map.of("WithQueue", "yes"));
    assertThat(with.creationOrder()).containsExactly("Queue", "Fn");
    assertThat(with.resolveProperties("Fn", new Created()).get("Dlq").asText()).isEqualTo("arn:Queue:Arn");
    assertThat(with.resolveOutputs(new Created())).extracting(ResolvedOutput::key)
        .containsExactly("QueueUrl", "FnName");
  }

  @Test
  void referringToAnExcludedResourceIsAnError() {
    TemplateEvaluator evaluator = evaluator("""
        Conditions:
          Never: !Equals [a, b]
        Resources:
          Queue: {Type: AWS::SQS::Queue, Condition: Never}
          Fn: {Type: AWS::Lambda::Function, Properties: {Dlq: !GetAtt Queue.Arn}}
        """, Map.of());
    assertThatThrownBy(evaluator::creationOrder)
        .hasMessage("Template format error: Unresolved resource dependencies [Queue] in the Resources block of the "
            + "template");
    assertThatThrownBy(() -> evaluator.resolveProperties("Fn", new Created()))
        .hasMessage("Template format error: Unresolved resource dependencies [Queue] in the Resources block of the "
            + "template");
  }

  @Test
  void cyclesThroughTheSelectedBranchAreRejected() {
    TemplateEvaluator evaluator = evaluator("""
        Conditions:
          Always: !Equals [a, a]
        Resources:
          A: {Type: AWS::SNS::Topic, Properties: {X: !If [Always, !Ref B, none]}}
          B: {Type: AWS::SNS::Topic, DependsOn: A}
        """.replace("DependsOn: A", "Properties: {Y: x}"), Map.of());
    assertThat(evaluator.creationOrder()).containsExactly("B", "A");
    assertThatThrownBy(() -> Template.parse("""
        Resources:
          A: {Type: AWS::SNS::Topic, Properties: {X: !Ref B}}
          B: {Type: AWS::SNS::Topic, DependsOn: A}
        """)).hasMessage("Circular dependency between resources: [A, B]");
  }

  @Test
  void outputsMustBeStrings() {
    String base = "Parameters:\n  Zones: {Type: CommaDelimitedList, Default: 'a,b'}\n"
        + "Resources:\n  R: {Type: AWS::SNS::Topic}\nOutputs:\n";
    assertThatThrownBy(() -> evaluator(base + "  O: {Value: !Ref Zones}\n", Map.of()).resolveOutputs(new Created()))
        .hasMessage("Template format error: The Value field of every Outputs member must evaluate to a String and "
            + "not a List.");
    assertThatThrownBy(() -> evaluator(base + "  O: {Value: {A: b}}\n", Map.of()).resolveOutputs(new Created()))
        .hasMessage("Template format error: The Value field of every Outputs member must evaluate to a String and "
            + "not a Map.");
    assertThat(evaluator(base + "  O: {Value: !Join [',', !Ref Zones], Description: joined}\n", Map.of())
        .resolveOutputs(new Created()))
        .containsExactly(new ResolvedOutput("O", "a,b", "joined", null, false));
  }

  @Test
  void conditionsCannotNameResources() {
    assertThatThrownBy(() -> Template.parse("""
        Conditions:
          C: !Equals [!GetAtt R.Arn, x]
        Resources:
          R: {Type: AWS::SNS::Topic}
        """)).hasMessage("Template format error: Unresolved dependencies [R]. Cannot reference resources in the "
            + "Conditions block of the template");
  }

  @Test
  void realisticPythonFunctionStack() {
    String yaml = """
        AWSTemplateFormatVersion: 2010-09-09
        Description: A Python function with its role and log group
        Parameters:
          Stage:
            Type: String
            Default: dev
            AllowedValues: [dev, prod]
          MemorySize:
            Type: Number
            Default: 256
            MinValue: 128
            MaxValue: 10240
        Conditions:
          IsProd: !Equals [!Ref Stage, prod]
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: {Service: lambda.amazonaws.com}
                    Action: sts:AssumeRole
              ManagedPolicyArns:
                - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              FunctionName: !Sub ${AWS::StackName}-hello
              Runtime: python3.12
              Handler: index.handler
              MemorySize: !Ref MemorySize
              Timeout: !If [IsProd, 30, 10]
              Role: !GetAtt Role.Arn
              Environment:
                Variables:
                  STAGE: !Ref Stage
              Code:
                ZipFile: |
                  import os

                  def handler(event, context):
                      return {"stage": os.environ["STAGE"], "echo": event}
          Logs:
            Type: AWS::Logs::LogGroup
            DeletionPolicy: Retain
            Properties:
              LogGroupName: !Sub /aws/lambda/${Fn}
              RetentionInDays: 14
        Outputs:
          FunctionArn:
            Description: The function's ARN
            Value: !GetAtt Fn.Arn
            Export:
              Name: !Sub ${AWS::StackName}-FunctionArn
          LogGroup:
            Value: !Ref Logs
        """;
    Template template = Template.parse(yaml);
    assertThat(template.requiredCapabilities()).containsExactly("CAPABILITY_IAM");
    assertThat(template.description()).isEqualTo("A Python function with its role and log group");
    TemplateEvaluator evaluator = template.evaluator(
        template.resolveParameters(Map.of("Stage", "prod"), Map.of(), Set.of()), PSEUDO, IMPORTS);
    assertThat(evaluator.creationOrder()).containsExactly("Role", "Fn", "Logs");
    Created created = new Created();
    JsonNode role = evaluator.resolveProperties("Role", created);
    assertThat(role.at("/ManagedPolicyArns/0").asText())
        .isEqualTo("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole");
    assertThat(role.at("/AssumeRolePolicyDocument/Statement/0/Principal/Service").asText())
        .isEqualTo("lambda.amazonaws.com");
    JsonNode fn = evaluator.resolveProperties("Fn", created);
    assertThat(fn.get("FunctionName").asText()).isEqualTo("demo-hello");
    assertThat(fn.get("MemorySize").asText()).isEqualTo("256");
    assertThat(fn.get("Timeout").asInt()).isEqualTo(30);
    assertThat(fn.get("Role").asText()).isEqualTo("arn:Role:Arn");
    assertThat(fn.at("/Environment/Variables/STAGE").asText()).isEqualTo("prod");
    assertThat(fn.at("/Code/ZipFile").asText()).startsWith("import os\n\ndef handler(event, context):\n");
    JsonNode logs = evaluator.resolveProperties("Logs", created);
    assertThat(logs.get("LogGroupName").asText()).isEqualTo("/aws/lambda/phys-Fn");
    assertThat(logs.get("RetentionInDays").asInt()).isEqualTo(14);
    assertThat(template.resources().get("Logs").deletionPolicy()).isEqualTo("Retain");
    assertThat(evaluator.resolveOutputs(created)).containsExactly(
        new ResolvedOutput("FunctionArn", "arn:Fn:Arn", "The function's ARN", "demo-FunctionArn", false),
        new ResolvedOutput("LogGroup", "phys-Logs", null, null, false));
    // The evaluator asks only about resources the evaluated one refers to.
    assertThat(created.asked).containsExactly("GetAtt Role.Arn", "Ref Fn", "GetAtt Fn.Arn", "Ref Logs");
  }
}
