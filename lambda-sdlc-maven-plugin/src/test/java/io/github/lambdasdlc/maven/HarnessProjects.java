package io.github.lambdasdlc.maven;

import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Build;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.TestInfo;

/**
 * What the harness tests give their mojos: a project and a session. Each test class keeps its own
 * {@code @Provides} methods (the harness looks for them on the test class) and builds the objects here.
 */
final class HarnessProjects {
  /** Command-line properties ({@code -Dname=value}) for one test, applied by {@link #applyUserProperties}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface UserProperties {
    String[] value();
  }

  /** Points {@code lambda-sdlc.endpoint} at {@link #startFailingEndpoint()}'s server for one test. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface FailingEndpoint {
  }

  private HarnessProjects() {
  }

  /** A loopback server that answers every call with an AWS error no goal expects (OddInternalState, 400). */
  static com.sun.net.httpserver.HttpServer startFailingEndpoint() throws IOException {
    // The JDK reads its server settings once, when the JVM's first server starts: the local cloud's, as in use.
    io.github.lambdasdlc.local.http.LocalHttpServer.applyJdkSettings();
    var server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = "{\"message\":\"Something broke inside\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.getResponseHeaders().add("X-Amzn-ErrorType", "OddInternalState");
      exchange.sendResponseHeaders(400, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    return server;
  }

  /** A project {@code com.example:<artifactId>:1.0.0} building into {@code buildDir}, its POM at {@code pom}. */
  static MavenProject project(String artifactId, Path buildDir, Path pom) {
    Model model = new Model();
    model.setGroupId("com.example");
    model.setArtifactId(artifactId);
    model.setVersion("1.0.0");
    Build build = new Build();
    build.setDirectory(buildDir.toString());
    build.setOutputDirectory(buildDir.resolve("classes").toString());
    build.setFinalName(artifactId + "-1.0.0");
    model.setBuild(build);
    MavenProject project = new MavenProject(model);
    project.setFile(pom.toFile());
    return project;
  }

  /**
   * A project in {@code dir/project} whose compiled classes are the given handlers (test fixtures), as if
   * the build had just compiled them.
   */
  static MavenProject compiledProject(String artifactId, Path dir, Class<?>... handlers) {
    Path target = dir.resolve("project/target");
    try {
      for (Class<?> handler : handlers) {
        String file = handler.getName().replace('.', '/') + ".class";
        Path compiled = Path.of(handler.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(file);
        Path copy = target.resolve("classes").resolve(file);
        Files.createDirectories(copy.getParent());
        Files.copy(compiled, copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return project(artifactId, target, dir.resolve("project/pom.xml"));
  }

  /** A session whose {@code -D} properties are {@code user} and whose system properties are the JVM's. */
  static MavenSession session(Properties user) {
    MavenSession session = mock(MavenSession.class);
    Properties system = new Properties();
    system.putAll(System.getProperties());
    lenient().when(session.getSystemProperties()).thenReturn(system);
    lenient().when(session.getUserProperties()).thenReturn(user);
    return session;
  }

  /** A session of a build run with {@code -Dlambda-sdlc.endpoint=local} on the given state directory. */
  static MavenSession localCloudSession(Path cloudDir) {
    Properties user = new Properties();
    user.setProperty("lambda-sdlc.endpoint", "local");
    user.setProperty("lambda-sdlc.local.dir", cloudDir.toString());
    return session(user);
  }

  /**
   * Puts the test method's {@link UserProperties} into {@code user}, and with {@link FailingEndpoint} the
   * failing server's URL as {@code lambda-sdlc.endpoint}.
   */
  static void applyUserProperties(TestInfo test, Properties user, com.sun.net.httpserver.HttpServer failing) {
    if (test.getTestMethod().map(m -> m.isAnnotationPresent(FailingEndpoint.class)).orElse(false)) {
      user.setProperty("lambda-sdlc.endpoint", "http://127.0.0.1:" + failing.getAddress().getPort());
    }
    test.getTestMethod().map(m -> m.getAnnotation(UserProperties.class)).ifPresent(p -> {
      for (String kv : p.value()) {
        int eq = kv.indexOf('=');
        user.setProperty(kv.substring(0, eq), kv.substring(eq + 1));
      }
    });
  }
}
