package io.github.lambdasdlc.local.lambda.execution;

import io.github.lambdasdlc.local.core.AwsError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * AWS's Java runtime interface client (RIC) as the child JVMs need it: the jars of the RIC and of its
 * dependencies, found on the plugin's own class path by the class files they hold (never loaded here),
 * and its JNI library, copied once out of the RIC jar to a file every child loads read-only.
 */
final class RicClassPath {
  /** The RIC's entry point. */
  static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  /** The system property the RIC reads for the path of its JNI library (RIC 2.10.1, JniHelper). */
  static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  /** One class file per jar the RIC needs: itself, aws-lambda-java-core, -serialization, and utils-lite. */
  private static final List<String> MARKERS = List.of(
      "com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class",
      "com/amazonaws/services/lambda/runtime/Context.class",
      "com/amazonaws/services/lambda/runtime/serialization/PojoSerializer.class",
      "software/amazon/awssdk/utilslite/SdkInternalThreadLocal.class");

  private final List<Path> jars;
  private final Path jniLibrary;

  private RicClassPath(List<Path> jars, Path jniLibrary) {
    this.jars = jars;
    this.jniLibrary = jniLibrary;
  }

  /**
   * Finds the RIC's jars and puts its JNI library for this machine into {@code runtimeDir}.
   *
   * @throws AwsError InvalidRuntimeException when the RIC is missing or has no library for this platform
   */
  static RicClassPath locate(ClassLoader loader, Path runtimeDir) {
    List<Path> jars = new ArrayList<>();
    for (String marker : MARKERS) {
      URL url = loader.getResource(marker);
      if (url == null) {
        throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run Java functions: " + marker
            + " (AWS's Java runtime interface client) is not on the plugin's class path.", false);
      }
      Path root = classPathRoot(url, marker);
      if (!jars.contains(root)) {
        jars.add(root);
      }
    }
    String library = jniLibraryName();
    Path target = runtimeDir.resolve(library);
    try {
      if (!Files.isRegularFile(target)) {
        Files.createDirectories(runtimeDir);
        try (InputStream in = loader.getResourceAsStream("jni/" + library)) {
          if (in == null) {
            throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run Java functions on this"
                + " platform: AWS's Java runtime interface client has no native library " + library + ".", false);
          }
          Path tmp = runtimeDir.resolve(library + ".tmp-" + UUID.randomUUID());
          Files.copy(in, tmp);
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the runtime interface client's library to " + target, e);
    }
    return new RicClassPath(List.copyOf(jars), target);
  }

  List<Path> jars() {
    return jars;
  }

  Path jniLibrary() {
    return jniLibrary;
  }

  private static Path classPathRoot(URL url, String marker) {
    try {
      if ("jar".equals(url.getProtocol())) {
        URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
        return Paths.get(jar.toURI());
      }
      if ("file".equals(url.getProtocol())) {
        Path file = Paths.get(url.toURI());
        Path root = file;
        for (int i = 0; i < marker.split("/").length; i++) {
          root = root.getParent();
        }
        return root;
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("Cannot locate " + url, e);
    }
    throw new AwsError(502, "InvalidRuntimeException", "The local cloud cannot run Java functions: " + marker
        + " is loaded from " + url + ", which is not a file the child JVM can read.", false);
  }

  /** The RIC ships glibc and musl builds for x86_64 and aarch64 Linux. */
  private static String jniLibraryName() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String cpu = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch_64";
      default -> arch;
    };
    boolean musl = false;
    try (var libs = Files.list(Path.of("/lib"))) {
      musl = libs.anyMatch(p -> p.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException e) {
      // no /lib: not Linux; the name below will not be found and the error says so
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") ? "linux" : "unsupported";
    return "libaws-lambda-jni." + os + (musl ? "_musl-" : "-") + cpu + ".so";
  }
}
