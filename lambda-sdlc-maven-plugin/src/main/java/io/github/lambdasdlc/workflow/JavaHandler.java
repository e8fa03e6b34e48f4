package io.github.lambdasdlc.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Java Lambda handler string ({@code package.Class::method}, or {@code package.Class} for a class that
 * implements {@code handleRequest}), and the checks that it names a class and a public method that exist:
 * made before an upload, because on Lambda a wrong handler only shows up as an init error on the first
 * invocation.
 */
public record JavaHandler(String className, String methodName) {
  static final String REQUEST_HANDLER = "com.amazonaws.services.lambda.runtime.RequestHandler";
  static final String REQUEST_STREAM_HANDLER = "com.amazonaws.services.lambda.runtime.RequestStreamHandler";
  private static final Pattern JAVA_NAME = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

  /**
   * Parses a handler string.
   *
   * @param setting the setting it came from, for the message
   * @throws WorkflowException when it is not a Java handler
   */
  public static JavaHandler parse(String handler, String setting) {
    String h = handler == null ? "" : handler.trim();
    int sep = h.indexOf("::");
    String cls = sep < 0 ? h : h.substring(0, sep);
    String method = sep < 0 ? "handleRequest" : h.substring(sep + 2);
    boolean valid = !cls.isEmpty() && !method.isEmpty() && JAVA_NAME.matcher(method).matches();
    for (String part : cls.split("\\.", -1)) {
      valid &= JAVA_NAME.matcher(part).matches();
    }
    if (!valid) {
      throw WorkflowException.userError("The handler '" + handler + "' (" + setting + ") is not a Java handler."
          + " Write it as package.Class::method, or package.Class for a class that implements RequestHandler"
          + " or RequestStreamHandler.");
    }
    return new JavaHandler(cls, method);
  }

  @Override
  public String toString() {
    return className + "::" + methodName;
  }

  /**
   * The handler to set: the one configured, else the only class of the build that implements RequestHandler
   * or RequestStreamHandler (saying so).
   *
   * @param configured the {@code lambda-sdlc.handler} setting, or null
   * @throws WorkflowException (a user error) when the build has no handler class, or several
   */
  public static JavaHandler resolve(String configured, Path classesDir, WorkflowListener progress) {
    if (configured != null) {
      return parse(configured, "lambda-sdlc.handler");
    }
    List<String> found = findHandlerClasses(classesDir);
    if (found.size() == 1) {
      JavaHandler inferred = parse(found.get(0), "the handler class found in " + classesDir);
      progress.info("Handler: " + inferred + " (the only RequestHandler in " + classesDir.getFileName()
          + "; set lambda-sdlc.handler to choose another)");
      return inferred;
    }
    if (found.isEmpty()) {
      throw WorkflowException.userError("No class in " + classesDir + " implements RequestHandler or"
          + " RequestStreamHandler, so the handler cannot be inferred. Set it with -Dlambda-sdlc.handler="
          + "package.Class::method (or <handler>), or compile first (prepare runs in the prepare-package phase).");
    }
    throw WorkflowException.userError("Several classes implement RequestHandler or RequestStreamHandler ("
        + String.join(", ", found) + "). Choose the handler with -Dlambda-sdlc.handler=package.Class::method (or"
        + " <handler>).");
  }

  /**
   * The classes of a build's output directory that implement RequestHandler or RequestStreamHandler
   * (directly or through a superclass of the build), sorted.
   */
  public static List<String> findHandlerClasses(Path classesDir) {
    Map<String, ClassFile> classes = new HashMap<>();
    if (Files.isDirectory(classesDir)) {
      try (Stream<Path> walk = Files.walk(classesDir)) {
        for (Path p : (Iterable<Path>) walk::iterator) {
          if (p.toString().endsWith(".class") && Files.isRegularFile(p)) {
            ClassFile cf = ClassFile.parse(Files.readAllBytes(p));
            classes.put(cf.name(), cf);
          }
        }
      } catch (IOException e) {
        throw WorkflowException.failure("Cannot read the build's classes in " + classesDir + ": " + e.getMessage(), e);
      }
    }
    Set<String> found = new TreeSet<>();
    for (ClassFile cf : classes.values()) {
      if (cf.isConcreteClass() && cf.isPublic() && implementsHandler(cf, classes)) {
        found.add(cf.name());
      }
    }
    return new ArrayList<>(found);
  }

  private static boolean implementsHandler(ClassFile cf, Map<String, ClassFile> classes) {
    for (ClassFile c = cf; c != null; c = c.superName() == null ? null : classes.get(c.superName())) {
      if (c.interfaces().contains(REQUEST_HANDLER) || c.interfaces().contains(REQUEST_STREAM_HANDLER)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks that this handler's class and a public method of that name are in a deployment package
   * (at its root or in a jar under {@code lib/}).
   *
   * @param setting where the handler came from, for the message
   * @throws WorkflowException naming what is missing and what the package does hold
   */
  public void checkIn(Path deploymentZip, String setting) {
    checkIn(deploymentZip, setting, "Fix " + setting + ".");
  }

  /**
   * As {@link #checkIn(Path, String)}, with the fix to give when the handler is not what the package holds.
   *
   * @param fix what to do, such as which setting to correct
   */
  public void checkIn(Path deploymentZip, String setting, String fix) {
    Map<String, ClassFile> classes = indexPackage(deploymentZip);
    ClassFile cf = classes.get(className);
    if (cf == null) {
      List<String> handlers = new ArrayList<>();
      for (ClassFile c : classes.values()) {
        if (c.isConcreteClass() && implementsHandler(c, classes)) {
          handlers.add(c.name());
        }
      }
      handlers.sort(null);
      throw WorkflowException.userError("The handler class " + className + " (" + setting + ") is not in the"
          + " deployment package " + deploymentZip.getFileName() + ". "
          + (handlers.isEmpty() ? "No class in it implements RequestHandler or RequestStreamHandler."
          : "Classes in it that implement RequestHandler or RequestStreamHandler: " + String.join(", ", handlers) + ".")
          + " " + fix);
    }
    Set<String> publicMethods = new LinkedHashSet<>();
    for (ClassFile c = cf; c != null; c = c.superName() == null ? null : classes.get(c.superName())) {
      for (ClassFile.Method m : c.methods()) {
        if (m.isPublic() && !m.name().startsWith("<")) {
          if (m.name().equals(methodName)) {
            return;
          }
          publicMethods.add(m.name());
        }
      }
    }
    throw WorkflowException.userError("The handler class " + className + " has no public method '" + methodName
        + "' (" + setting + "). Its public methods: "
        + (publicMethods.isEmpty() ? "none" : String.join(", ", publicMethods)) + ". " + fix);
  }

  private static Map<String, ClassFile> indexPackage(Path zip) {
    Map<String, ClassFile> classes = new HashMap<>();
    try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        String name = e.getName();
        if (name.endsWith(".class") && !name.startsWith("lib/") && !name.startsWith("META-INF/")) {
          put(classes, in.readAllBytes());
        } else if (name.startsWith("lib/") && name.endsWith(".jar")) {
          ZipInputStream jar = new ZipInputStream(new java.io.ByteArrayInputStream(in.readAllBytes()));
          for (ZipEntry j; (j = jar.getNextEntry()) != null; ) {
            if (j.getName().endsWith(".class") && !j.getName().startsWith("META-INF/")) {
              put(classes, jar.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot read the deployment package " + zip + ": " + e.getMessage(), e);
    }
    return classes;
  }

  private static void put(Map<String, ClassFile> classes, byte[] bytes) {
    try {
      ClassFile cf = ClassFile.parse(bytes);
      classes.putIfAbsent(cf.name(), cf);
    } catch (IOException e) {
      // Not a class file after all (a resource named .class): nothing to index.
    }
  }
}
