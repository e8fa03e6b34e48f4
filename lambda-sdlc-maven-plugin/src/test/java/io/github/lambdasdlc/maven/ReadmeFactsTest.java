package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.workflow.AwsClients;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What the README tells a new user about their own project holds: its POM is the one the invoker project
 * {@code src/it/lifecycle} builds, it sets the endpoint and the local cloud's directory as properties (so
 * that {@code -D} and the {@code local} goal see them), and the section on other endpoints names every AWS
 * service the goals call.
 */
class ReadmeFactsTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  /** The display name of each service client the goals use, as the README names it. */
  private static final Map<Class<?>, String> SERVICES = Map.of(CloudFormationClient.class, "CloudFormation",
      LambdaClient.class, "Lambda", CloudWatchLogsClient.class, "CloudWatch Logs");

  private static String readme() throws IOException {
    return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
  }

  private static String section(String readme, String heading) {
    int start = readme.indexOf("\n## " + heading);
    assertThat(start).as("README section " + heading).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String ownProjectPom(String readme) {
    Matcher pom = Pattern.compile("```xml\n(<project .*?</project>)\n```", Pattern.DOTALL)
        .matcher(section(readme, "Using it in your own project"));
    assertThat(pom.find()).as("the README's own-project POM").isTrue();
    return pom.group(1);
  }

  @Test
  void theOwnProjectPomSetsTheEndpointAndStateDirectoryAsProperties() throws IOException {
    String pom = ownProjectPom(readme());
    String properties = pom.substring(pom.indexOf("<properties>"), pom.indexOf("</properties>"));
    assertThat(properties).contains("<lambda-sdlc.endpoint>local</lambda-sdlc.endpoint>")
        .contains("<lambda-sdlc.local.dir>${project.build.directory}/lambda-sdlc-local</lambda-sdlc.local.dir>");
    // In <configuration> they would win over -D, and only the goals that declare the parameter would see them.
    String configuration = pom.substring(pom.indexOf("<configuration>"), pom.indexOf("</configuration>"));
    assertThat(configuration).doesNotContain("<localDir>").doesNotContain("<dir>").doesNotContain("<endpoint>");
  }

  @Test
  void theOwnProjectPomIsTheOneTheLifecycleInvokerProjectBuilds() throws IOException {
    String readmePom = ownProjectPom(readme());
    String itPom = Files.readString(ROOT.resolve("src/it/lifecycle/pom.xml"), StandardCharsets.UTF_8);
    assertThat(comparable(itPom)).isEqualTo(comparable(readmePom));
  }

  /** A POM without what only the invoker project needs: its header, name, versions, build label, resources. */
  private static String comparable(String pom) {
    return pom.replaceAll("(?s)^.*?(<project )", "$1")
        .replaceAll("(?s)\\s*<resources>.*?</resources>", "")
        .replaceAll("\\s*<build.label>.*?</build.label>", "")
        .replaceAll("<artifactId>(greeter|lifecycle)</artifactId>", "<artifactId>NAME</artifactId>")
        .replaceAll("<version>(@[a-z.]+@|[0-9][^<]*)</version>", "<version>V</version>")
        .replaceAll("\\n\\s*\\n", "\n").strip();
  }

  @Test
  void theOtherEndpointsSectionNamesEveryServiceTheGoalsCall() throws IOException {
    String section = section(readme(), "Another endpoint");
    for (Method m : AwsClients.class.getMethods()) {
      if (SdkClient.class.isAssignableFrom(m.getReturnType()) && !Modifier.isStatic(m.getModifiers())) {
        assertThat(SERVICES).as("the README name of " + m.getReturnType().getSimpleName()
            + " (add it to the README's 'Another endpoint' section and here)").containsKey(m.getReturnType());
        assertThat(section).as("the services an endpoint needs").contains(SERVICES.get(m.getReturnType()));
      }
    }
  }
}
