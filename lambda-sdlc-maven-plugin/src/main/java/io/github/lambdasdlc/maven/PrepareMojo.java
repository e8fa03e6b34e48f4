package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.FunctionPreparation;
import io.github.lambdasdlc.workflow.JavaHandler;
import io.github.lambdasdlc.workflow.JavaRuntimes;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Switches the live function to this project's Java runtime and handler (and memory, timeout, environment,
 * description and SnapStart when set), out of band of the stack. Changes only what differs. The handler is
 * first checked against this build's deployment package, so that a typo never reaches the live function.
 */
@Mojo(name = "prepare", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class PrepareMojo extends AbstractPackagingMojo {

  /**
   * The runtime: a Java runtime such as java21 or java25, or an OS-only runtime ({@code provided.al2023}) for Java
   * built as a native image or a custom runtime, whose package then carries a bootstrap (see {@code bootstrap}).
   * Unset: the oldest Java runtime Lambda supports on the day of the build that runs the build's classes (compiled
   * for Java 17: java21). A runtime AWS no longer accepts fails before any call, naming the one to use. The README's
   * runtime table lists them all, with their dates.
   */
  @Parameter(property = "lambda-sdlc.runtime")
  private String runtime;

  /**
   * The handler, {@code package.Class::method} or {@code package.Class}. Unset: the only class of the build
   * that implements RequestHandler or RequestStreamHandler.
   */
  @Parameter(property = "lambda-sdlc.handler")
  private String handler;

  /** The function's memory in MB (128 to 10240). Unset: left as it is. */
  @Parameter(property = "lambda-sdlc.memorySize")
  private Integer memorySize;

  /** The function's timeout in seconds (1 to 900). Unset: left as it is. */
  @Parameter(property = "lambda-sdlc.timeout")
  private Integer timeout;

  /**
   * The function's environment variables, replacing all of the live ones when set. Values are never
   * logged. Set in the POM: maps have no command-line property. Unset: left as they are.
   */
  @Parameter
  private Map<String, String> environment;

  /** The function's description. Unset: left as it is. */
  @Parameter(property = "lambda-sdlc.description")
  private String description;

  /** SnapStart on published versions ({@code true}) or off ({@code false}). Unset: left as it is. */
  @Parameter(property = "lambda-sdlc.snapStart")
  private Boolean snapStart;

  /** The build's classes, searched for the handler when it is not set. */
  @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
  private File classesDirectory;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.prepare.skip", defaultValue = "false")
  private boolean skipPrepare;

  @Override
  protected String goal() {
    return "prepare";
  }

  @Override
  protected String skipReason() {
    return skipPrepare ? "lambda-sdlc.prepare.skip" : null;
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    // Checked before any call: a wrong setting should not wait for the network.
    String checkedRuntime = JavaRuntimes.resolve(runtime, "lambda-sdlc.runtime",
        JavaRuntimes.classesRelease(classesDirectory.toPath()), LocalDate.now(ZoneOffset.UTC), progress);
    JavaHandler javaHandler = handler(progress);
    if (JavaRuntimes.isOsOnly(checkedRuntime)) {
      progress.info("Handler check skipped: " + checkedRuntime + " runs the package's bootstrap, which reads the"
          + " handler " + javaHandler + " (_HANDLER) itself; deploy checks that the package has a bootstrap.");
    } else {
      checkHandlerIsBuilt(javaHandler, progress);
    }
    String name = functionName(clients, progress);
    new FunctionPreparation(clients, progress).prepare(new FunctionPreparation.Request(name, checkedRuntime,
        javaHandler, memorySize, timeout, environment == null ? null : new LinkedHashMap<>(environment),
        description, snapStart));
  }

  /**
   * A handler that names no class of this build would leave the live function unable to start, and the
   * deploy goal would refuse to push the code anyway: check it against the package before changing anything.
   */
  private void checkHandlerIsBuilt(JavaHandler javaHandler, WorkflowListener progress) {
    if (!LambdaPackage.hasFiles(classesDirectory.toPath())) {
      progress.warn("There are no compiled classes in " + classesDirectory + ", so the handler " + javaHandler
          + " cannot be checked before it is set on the function (run prepare after compile: it is bound to"
          + " the prepare-package phase).");
      return;
    }
    javaHandler.checkIn(lambdaPackage(progress).file(), "lambda-sdlc.handler");
  }

  /** The handler set, else the only handler class of the build. */
  JavaHandler handler(WorkflowListener progress) {
    return JavaHandler.resolve(blankToNull(handler), classesDirectory.toPath(), progress);
  }
}
