package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.CodePush;
import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Packages {@code target/<finalName>-lambda.zip} (the classes, and the runtime dependencies under
 * {@code lib/}) and puts it on the live function when its CodeSha256 differs, after checking the handler
 * against it. Optionally publishes a version and points an alias at it.
 */
@Mojo(name = "deploy", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public class DeployMojo extends AbstractPackagingMojo {

  /** Publishes a version of the function after the push (even when the code was up to date). */
  @Parameter(property = "lambda-sdlc.publish", defaultValue = "false")
  private boolean publish;

  /** An alias to point at the published version (implies publish); created when missing. */
  @Parameter(property = "lambda-sdlc.alias")
  private String alias;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.deploy.skip", defaultValue = "false")
  private boolean skipDeploy;

  @Override
  protected String goal() {
    return "deploy";
  }

  @Override
  protected String skipReason() {
    return skipDeploy ? "lambda-sdlc.deploy.skip" : null;
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    DeploymentZip.Result zip = lambdaPackage(progress);
    String name = functionName(clients, progress);
    new CodePush(clients, progress).push(new CodePush.Request(name, zip, publish, blankToNull(alias)));
  }
}
