package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.workflow.fixtures.GreetingHandler;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaHandlerTest {
  @TempDir
  Path dir;

  private static Path testClasses() throws URISyntaxException {
    return Path.of(GreetingHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** A package holding only the fixtures, as deploy would build it. */
  private Path fixturePackage() throws Exception {
    Path classes = dir.resolve("classes/io/github/lambdasdlc/workflow/fixtures");
    Files.createDirectories(classes);
    Path source = testClasses().resolve("io/github/lambdasdlc/workflow/fixtures");
    for (String c : List.of("GreetingHandler.class", "InheritedHandler.class")) {
      Files.copy(source.resolve(c), classes.resolve(c));
    }
    return DeploymentZip.build(dir.resolve("classes"), List.of(), null, dir.resolve("f.zip")).file();
  }

  @Test
  void parsesBothForms() {
    assertThat(JavaHandler.parse("a.b.C::run", "s")).isEqualTo(new JavaHandler("a.b.C", "run"));
    assertThat(JavaHandler.parse("a.b.C", "s")).isEqualTo(new JavaHandler("a.b.C", "handleRequest"));
  }

  @Test
  void pythonHandlerIsNotAJavaHandler() {
    assertThatThrownBy(() -> JavaHandler.parse("index.handler::", "lambda-sdlc.handler"))
        .hasMessageContaining("lambda-sdlc.handler")
        .hasMessageContaining("package.Class::method");
    assertThatThrownBy(() -> JavaHandler.parse("", "lambda-sdlc.handler")).isInstanceOf(WorkflowException.class);
  }

  @Test
  void findsHandlerClassesDirectlyAndThroughSuperclasses() throws Exception {
    assertThat(JavaHandler.findHandlerClasses(testClasses()))
        .contains("io.github.lambdasdlc.workflow.fixtures.GreetingHandler",
            "io.github.lambdasdlc.workflow.fixtures.InheritedHandler");
  }

  @Test
  void theHandlerSetWinsElseTheBuildsOnlyHandlerClassIsInferredAndSaid() throws Exception {
    Path classes = dir.resolve("one");
    Path fixtures = classes.resolve("io/github/lambdasdlc/workflow/fixtures");
    Files.createDirectories(fixtures);
    Files.copy(testClasses().resolve("io/github/lambdasdlc/workflow/fixtures/GreetingHandler.class"),
        fixtures.resolve("GreetingHandler.class"));
    List<WorkflowEvent> said = new java.util.ArrayList<>();

    assertThat(JavaHandler.resolve("a.b.C::run", classes, said::add)).isEqualTo(new JavaHandler("a.b.C", "run"));
    assertThat(said).isEmpty();
    assertThat(JavaHandler.resolve(null, classes, said::add))
        .isEqualTo(new JavaHandler("io.github.lambdasdlc.workflow.fixtures.GreetingHandler", "handleRequest"));
    assertThat(said).singleElement().extracting(WorkflowEvent::message).asString()
        .startsWith("Handler: io.github.lambdasdlc.workflow.fixtures.GreetingHandler").contains("lambda-sdlc.handler");
  }

  @Test
  void noHandlerClassOrSeveralAreTheUsersToChoose() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> JavaHandler.resolve(null, dir.resolve("empty"), e -> { }))
        .isInstanceOfSatisfying(WorkflowException.class, e -> assertThat(e.isUserFault()).isTrue())
        .hasMessageContaining("cannot be inferred").hasMessageContaining("-Dlambda-sdlc.handler=");
    assertThatThrownBy(() -> JavaHandler.resolve(null, testClasses(), e -> { }))
        .hasMessageContaining("Several classes implement RequestHandler").hasMessageContaining("GreetingHandler");
  }

  @Test
  void acceptsAnExistingClassAndMethodIncludingInheritedOnes() throws Exception {
    Path zip = fixturePackage();
    JavaHandler.parse("io.github.lambdasdlc.workflow.fixtures.GreetingHandler::handleRequest", "s").checkIn(zip, "s");
    JavaHandler.parse("io.github.lambdasdlc.workflow.fixtures.InheritedHandler", "s").checkIn(zip, "s");
    JavaHandler.parse("io.github.lambdasdlc.workflow.fixtures.InheritedHandler::shout", "s").checkIn(zip, "s");
  }

  @Test
  void missingClassNamesTheHandlersThatExist() throws Exception {
    Path zip = fixturePackage();
    assertThatThrownBy(() -> JavaHandler.parse("example.Nope", "lambda-sdlc.handler").checkIn(zip, "lambda-sdlc.handler"))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("example.Nope")
        .hasMessageContaining("io.github.lambdasdlc.workflow.fixtures.GreetingHandler")
        .hasMessageContaining("Fix lambda-sdlc.handler");
  }

  @Test
  void missingMethodListsThePublicOnes() throws Exception {
    Path zip = fixturePackage();
    assertThatThrownBy(() -> JavaHandler.parse("io.github.lambdasdlc.workflow.fixtures.GreetingHandler::handle", "h")
        .checkIn(zip, "h"))
        .hasMessageContaining("no public method 'handle'")
        .hasMessageContaining("handleRequest");
  }
}
