package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * A function goal that builds this project's deployment package ({@link LambdaPackage}): prepare, deploy,
 * integration-test, status. They share what goes into the package.
 */
public abstract class AbstractPackagingMojo extends AbstractFunctionMojo {

  /**
   * For an OS-only runtime ({@code provided.al2023}): the executable packaged as {@code bootstrap} at the root
   * of the deployment package, marked executable, such as the native image native-maven-plugin builds
   * (target/ARTIFACT-ID by default) or a script that starts a JVM on the runtime
   * interface client. Unset: a {@code bootstrap} among the build's resources, if any. Java runtimes ignore it.
   */
  @Parameter(property = "lambda-sdlc.bootstrap")
  protected File bootstrap;

  /** Builds the package, saying so once per build (see {@link LambdaPackage#build}). */
  protected DeploymentZip.Result lambdaPackage(WorkflowListener progress) {
    return LambdaPackage.build(project, goal(), bootstrapPath(), progress);
  }

  /** The package for comparing with the live code, without a word; null when nothing was compiled. */
  protected DeploymentZip.Result lambdaPackageForComparison(Path output) {
    return LambdaPackage.buildForComparison(project, bootstrapPath(), output);
  }

  private Path bootstrapPath() {
    return bootstrap == null ? null : bootstrap.toPath();
  }
}
