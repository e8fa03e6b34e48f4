package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.workflow.DeploymentZip;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The code the suite deploys: the example's Java handler, compiled from {@code example-function/src/main/java}
 * and packaged as the deploy goal packages it ({@link DeploymentZip}: classes at the root,
 * aws-lambda-java-core under {@code lib/}); and the built-in template's Python stub. "A code change" is the
 * same code with one more file holding a counter, so that its CodeSha256 differs and Lambda starts new
 * environments, as after a real edit.
 */
final class FunctionCode {
  /** The template's inline stub, as the built-in template declares it. */
  static final String PYTHON_STUB = "import json\n\n\ndef handler(event, context):\n"
      + "    return {\"stub\": True, \"message\": \"lambda-sdlc Python stub: run the prepare and deploy goals to"
      + " install the Java code\"}\n";

  static final String JAVA_HANDLER = "io.github.lambdasdlc.example.QuoteHandler::handleRequest";
  static final String QUOTE_EVENT = "{\"items\":[{\"sku\":\"A-1\",\"quantity\":2,\"unitPrice\":12.50},"
      + "{\"sku\":\"B-2\",\"quantity\":1,\"unitPrice\":99.99}],\"couponCode\":\"WELCOME10\",\"taxRatePercent\":20}";
  static final String STUB_EVENT = "{\"hello\":\"world\"}";

  private final Path classes;
  private final Path coreJar;
  private final Path work;
  private int changes;

  private FunctionCode(Path classes, Path coreJar, Path work) {
    this.classes = classes;
    this.coreJar = coreJar;
    this.work = work;
  }

  /** Compiles the example's sources into {@code work/classes}. */
  static FunctionCode compile(Path exampleSources, Path work) throws IOException {
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    Path coreJar = jarOf(com.amazonaws.services.lambda.runtime.Context.class);
    List<String> args = new ArrayList<>(List.of("--release", "17", "-nowarn", "-d", classes.toString(),
        "-cp", coreJar.toString()));
    try (Stream<Path> walk = Files.walk(exampleSources)) {
      walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("The suite needs a JDK (javax.tools), not a JRE");
    }
    int status = javac.run(null, null, null, args.toArray(String[]::new));
    if (status != 0) {
      throw new IllegalStateException("Cannot compile the example function from " + exampleSources);
    }
    return new FunctionCode(classes, coreJar, work);
  }

  static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The Java package as deploy builds it; the same bytes every time (the zip is deterministic). */
  DeploymentZip.Result javaZip() {
    return DeploymentZip.build(classes, List.of(new DeploymentZip.Library("aws-lambda-java-core-1.4.0.jar", coreJar)),
        null, work.resolve("quote.zip"));
  }

  /** The Java package with a change: the same classes plus a file that differs each time. */
  synchronized DeploymentZip.Result changedJavaZip() {
    int n = ++changes;
    Path dir = work.resolve("changed-classes");
    try {
      if (!Files.isDirectory(dir)) {
        copyTree(classes, dir);
      }
      Files.writeString(dir.resolve("build-number.txt"), "build " + n + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DeploymentZip.build(dir, List.of(new DeploymentZip.Library("aws-lambda-java-core-1.4.0.jar", coreJar)),
        null, work.resolve("quote-" + n + ".zip"));
  }

  /** The Python stub as a zip ({@code index.py}), with a comment that differs per {@code n}. */
  static byte[] pythonZip(int n) {
    try {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry("index.py"));
        zip.write((PYTHON_STUB + "# build " + n + "\n").getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path classes() {
    return classes;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          try (OutputStream out = Files.newOutputStream(target)) {
            Files.copy(p, out);
          }
        }
      }
    }
  }
}
