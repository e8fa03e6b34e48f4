package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/**
 * Security (issue 12.6): the state directory holds NoEcho parameter values, environment values and function
 * output in clear, so it is readable by its owner only: the directory 0700, every file holding a secret 0600.
 */
class StateFilePermissionsTest extends CloudFormationTestSupport {
  private static final String SECRET = "hunter2-TOPSECRET-perm";

  private static final String TEMPLATE = """
      Parameters:
        Token: {Type: String, NoEcho: true}
      Resources:
        Role:
          Type: AWS::IAM::Role
          Properties:
            AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: []}
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Environment: {Variables: {TOKEN: !Ref Token}}
            Code:
              ZipFile: |
                import os
                def handler(event, context):
                    print('token is ' + os.environ['TOKEN'])
                    return 'ok'
      Outputs:
        Name: {Value: !Ref Fn}
      """;

  @Test
  void stateIsReadableByItsOwnerOnly() throws Exception {
    // A directory an older version (or the user) made with the usual 0755 is tightened too.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    start();
    cfn.createStack(r -> r.stackName("perm").templateBody(TEMPLATE).capabilities(Capability.CAPABILITY_IAM)
        .parameters(Parameter.builder().parameterKey("Token").parameterValue(SECRET).build()));
    waiter.waitUntilStackCreateComplete(r -> r.stackName("perm"));
    String function = describe("perm").outputs().get(0).outputValue();
    lambda.invoke(r -> r.functionName(function).payload(SdkBytes.fromUtf8String("{}")));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    List<Path> withSecret = filesContaining(SECRET);
    // the stack's parameters, the function's environment, the function's log
    assertThat(withSecret).hasSizeGreaterThanOrEqualTo(3);
    for (Path file : withSecret) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
          .isEqualTo("rw-------");
    }
  }

  private List<Path> filesContaining(String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
    List<Path> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          found.add(file);
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
