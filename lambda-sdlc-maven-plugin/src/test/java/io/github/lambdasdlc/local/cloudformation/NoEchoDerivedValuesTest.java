package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * Security (issue 12.5): a NoEcho parameter's value stays masked in stack events when it is escaped (a value
 * with quotes or backslashes, echoed JSON-escaped by a failure) or derived from (Fn::Base64, parts of
 * Fn::Split, Fn::Join, Fn::Sub).
 */
class NoEchoDerivedValuesTest extends CloudFormationTestSupport {
  private static final String ROLE = """
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
      """;

  @Test
  void derivedValuesAreMaskedInResourceProperties() throws Exception {
    start();
    String secret = "alpha-secret,bravo-secret";
    String template = """
        Parameters:
          Token: {Type: String, NoEcho: true}
        Resources:
        """ + ROLE + """
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !GetAtt Role.Arn
              Description: !Base64 {Ref: Token}
              Environment:
                Variables:
                  FIRST: !Select [0, !Split [',', !Ref Token]]
                  SECOND: !Select [1, !Split [',', !Ref Token]]
                  JOINED: !Join ['/', [prefix, !Select [1, !Split [',', !Ref Token]]]]
                  SUBBED: !Sub 'user=${Token}'
                  PLAIN: visible-value
              Code:
                ZipFile: |
                  def handler(event, context):
                      return 'ok'
        """;
    cfn.createStack(r -> r.stackName("derived").templateBody(template).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Token").parameterValue(secret).build()));
    waiter.waitUntilStackCreateComplete(r -> r.stackName("derived"));

    String all = everything(cfn.describeStackEvents(r -> r.stackName("derived")).stackEvents());
    assertThat(all).contains("visible-value").contains("****");
    assertThat(all).doesNotContain("alpha-secret").doesNotContain("bravo-secret")
        .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void escapedValuesAreMaskedInFailureReasons() throws Exception {
    start();
    String secret = "s3cr\"et\\value";
    String template = """
        Parameters:
          Token: {Type: String, NoEcho: true}
        Resources:
        """ + ROLE + """
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Runtime: python3.12
              Handler: index.handler
              Role: !GetAtt Role.Arn
              Timeout: !Ref Token
              Code:
                ZipFile: |
                  def handler(event, context):
                      return 'ok'
        """;
    cfn.createStack(r -> r.stackName("escaped").templateBody(template).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Token").parameterValue(secret).build()));
    assertThat(settle("escaped").stackStatusAsString()).isEqualTo("ROLLBACK_COMPLETE");

    List<StackEvent> events = cfn.describeStackEvents(r -> r.stackName("escaped")).stackEvents();
    assertThat(events).anyMatch(e -> "CREATE_FAILED".equals(e.resourceStatusAsString())
        && "Fn".equals(e.logicalResourceId()));
    String all = everything(events);
    assertThat(all).doesNotContain("s3cr").doesNotContain("et\\value").doesNotContain("et\\\\value");
  }

  /** Every event's reason and properties, as one text to search. */
  private static String everything(List<StackEvent> events) {
    StringBuilder s = new StringBuilder();
    for (StackEvent e : events) {
      s.append(e.resourceStatusReason()).append('\n').append(e.resourceProperties()).append('\n');
    }
    return s.toString();
  }
}
