package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.workflow.fixtures.GreetingHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets planted in a build (a NoEcho stack parameter, a function environment value, the AWS credentials
 * of the build) never reach the Maven log of the goals, nor the messages of failing goals.
 */
@MojoTest
class MavenLogSecretsTest {
  @TempDir
  Path dir;

  @Provides
  MavenProject project() {
    return HarnessProjects.compiledProject("quote-pricer", dir, GreetingHandler.class);
  }

  static final String TEMPLATE = """
      AWSTemplateFormatVersion: '2010-09-09'
      Parameters:
        DbPassword:
          Type: String
          NoEcho: true
          MinLength: 8
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
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            Runtime: python3.12
            Handler: index.handler
            Role: !GetAtt Role.Arn
            Environment:
              Variables:
                DB_PASSWORD: !Ref DbPassword
            Code:
              ZipFile: |
                def handler(event, context):
                    return "stub"
      """;

  static final String NO_ECHO = "noechomaven" + java.util.UUID.randomUUID().toString().replace("-", "");
  static final String ENV = "envmaven" + java.util.UUID.randomUUID().toString().replace("-", "");
  static final String SECRET_KEY = "secretkeymaven" + java.util.UUID.randomUUID().toString().replace("-", "");
  static final String TOKEN = "tokenmaven" + java.util.UUID.randomUUID().toString().replace("-", "");

  static {
    // The build's credentials, where the SDK's default chain looks first; the session copies system properties.
    System.setProperty("aws.accessKeyId", "AKIAMAVENSECRETTEST1");
    System.setProperty("aws.secretAccessKey", SECRET_KEY);
    System.setProperty("aws.sessionToken", TOKEN);
  }

  @Provides
  MavenSession session() {
    return HarnessProjects.localCloudSession(dir.resolve("cloud"));
  }

  @AfterEach
  void stopCloud() {
    LocalClouds.stop(dir.resolve("cloud"));
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    System.clearProperty("aws.sessionToken");
  }

  private static void set(Object mojo, String field, Object value) throws Exception {
    for (Class<?> c = mojo.getClass(); c != null; c = c.getSuperclass()) {
      try {
        java.lang.reflect.Field f = c.getDeclaredField(field);
        f.setAccessible(true);
        f.set(mojo, value);
        return;
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(field);
  }

  @Test
  void secretsStayOutOfTheMavenLog(@InjectMojo(goal = "init") InitMojo init,
      @InjectMojo(goal = "prepare") PrepareMojo prepare, @InjectMojo(goal = "deploy") DeployMojo deploy,
      @InjectMojo(goal = "integration-test") IntegrationTestMojo integrationTest,
      @InjectMojo(goal = "status") StatusMojo status, @InjectMojo(goal = "prepare") PrepareMojo badPrepare)
      throws Exception {
    Path template = dir.resolve("project/template.yaml");
    Files.writeString(template, TEMPLATE);
    set(init, "template", template.toFile());
    set(init, "parameters", java.util.Map.of("DbPassword", NO_ECHO));
    set(prepare, "environment", java.util.Map.of("API_KEY", ENV));
    set(badPrepare, "environment", java.util.Map.of("API_KEY", ENV, "AWS_REGION", ENV));
    CapturingLog log = new CapturingLog();
    StringBuilder failures = new StringBuilder();
    for (AbstractLambdaSdlcMojo mojo : new AbstractLambdaSdlcMojo[] {init, prepare, deploy, integrationTest, status,
        badPrepare}) {
      mojo.setLog(log);
      try {
        mojo.execute();
      } catch (org.apache.maven.plugin.AbstractMojoExecutionException e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        failures.append(trace);
      }
    }
    assertThat(log.text()).contains("Created stack quote-pricer").contains("Prepared function").contains("Deployed ")
        .contains("API_KEY");
    assertThat(failures.toString()).contains("Reserved keys used in this request: AWS_REGION");
    for (String secret : new String[] {NO_ECHO, ENV, SECRET_KEY, TOKEN, "AKIAMAVENSECRETTEST1"}) {
      assertThat(log.text()).doesNotContain(secret);
      assertThat(failures.toString()).doesNotContain(secret);
    }
  }
}
