package io.github.lambdasdlc.workflow;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.workflow.fixtures.GreetingHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.Runtime;

/** A local cloud on a temporary directory, the workflow's clients for it, and a recording listener. */
final class WorkflowTestSupport implements AutoCloseable {
  static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
  static final String GREETING = GreetingHandler.class.getName();

  final LocalCloud cloud;
  final AwsClients clients;
  final Recorder events = new Recorder();

  WorkflowTestSupport(Path dir) {
    this(dir, Duration.ofMillis(50));
  }

  WorkflowTestSupport(Path dir, Duration lambdaUpdateDelay) {
    this(dir, b -> b.lambdaUpdateDelay(lambdaUpdateDelay));
  }

  /** A local cloud with the usual short delays and then {@code settings} (a fault plan, say). */
  WorkflowTestSupport(Path dir, java.util.function.UnaryOperator<LocalCloudConfig.Builder> settings) {
    cloud = LocalCloud.start(settings.apply(LocalCloudConfig.builder(dir.resolve("cloud"))
        .lambdaUpdateDelay(Duration.ofMillis(50)).stackStepDelay(Duration.ofMillis(5))).build());
    clients = AwsClients.connect(Target.endpoint(cloud.endpoint(), cloud.region()));
  }

  @Override
  public void close() {
    clients.close();
    cloud.close();
  }

  /** What the workflow said, one line per event, prefixed by its level. */
  static final class Recorder implements WorkflowListener {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void onEvent(WorkflowEvent event) {
      lines.add(event.level() + " " + event.message());
    }

    synchronized String text() {
      return String.join("\n", lines);
    }

    synchronized void clear() {
      lines.clear();
    }
  }

  /** A function as the built-in template makes it: a Python stub. */
  void createPythonFunction(String name) {
    clients.lambda().createFunction(b -> b.functionName(name).runtime(Runtime.PYTHON3_12).role(ROLE)
        .handler("index.handler").code(c -> c.zipFile(SdkBytes.fromByteArray(pythonZip()))));
    new LambdaWaits(clients).untilSettled(name);
  }

  static byte[] pythonZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("index.py"));
      zip.write("def handler(event, context):\n    return 'stub'\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * The deployment package of a build whose classes are the test fixtures, with aws-lambda-java-core under
   * lib/ as a project's runtime dependency would be.
   *
   * @param extra a marker resource, so that different builds give different packages
   */
  static DeploymentZip.Result fixturePackage(Path dir, String extra) {
    return fixturePackage(dir, extra, 0);
  }

  /** The same, with {@code randomBytes} of incompressible data in a resource, for uploads that take a while. */
  static DeploymentZip.Result fixturePackage(Path dir, String extra, int randomBytes) {
    try {
      Path classes = dir.resolve("classes-" + extra);
      Path fixtures = classes.resolve("io/github/lambdasdlc/workflow/fixtures");
      Files.createDirectories(fixtures);
      Path source = location(GreetingHandler.class).resolve("io/github/lambdasdlc/workflow/fixtures");
      try (var list = Files.list(source)) {
        for (Path p : (Iterable<Path>) list::iterator) {
          Files.copy(p, fixtures.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.writeString(classes.resolve("build.txt"), extra);
      if (randomBytes > 0) {
        byte[] noise = new byte[randomBytes];
        new java.util.Random(extra.hashCode()).nextBytes(noise);
        Files.write(classes.resolve("noise.bin"), noise);
      }
      Path core = location(RequestHandler.class);
      return DeploymentZip.build(classes, List.of(new DeploymentZip.Library("aws-lambda-java-core.jar", core)), null,
          dir.resolve("function-" + extra + "-lambda.zip"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path location(Class<?> c) {
    try {
      return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
