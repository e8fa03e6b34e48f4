package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.LocalCloudConfig;
import io.github.lambdasdlc.local.store.StateStoreException;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the local cloud in the foreground until Ctrl-C, for the AWS CLI, boto3, an IDE or another build to
 * use. Needs no project: {@code mvn io.github.lambdasdlc:lambda-sdlc-maven-plugin:local} works from any
 * directory. Its state stays in {@code lambda-sdlc.local.dir}, shared with builds that use
 * {@code lambda-sdlc.endpoint=local} (run one at a time on a directory).
 */
@Mojo(name = "local", requiresProject = false, threadSafe = true)
public class LocalMojo extends AbstractMojo {

  /** The TCP port to listen on, on 127.0.0.1 only. {@code 0} picks a free port. */
  @Parameter(property = "lambda-sdlc.local.port", defaultValue = "4566")
  private int port;

  /** The directory that keeps the local cloud's stacks, functions, code and logs between runs. */
  @Parameter(property = "lambda-sdlc.local.dir", defaultValue = "${user.home}/.lambda-sdlc/local")
  private File dir;

  /** The region the local cloud reports in ARNs and answers for. */
  @Parameter(property = "lambda-sdlc.local.region", defaultValue = LocalCloudConfig.DEFAULT_REGION)
  private String region;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.local.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping the local cloud (lambda-sdlc.local.skip).");
      return;
    }
    LocalCloud cloud;
    try {
      cloud = LocalCloud.start(LocalCloudConfig.builder(dir.toPath()).port(port).region(region).build());
    } catch (StateStoreException | UncheckedIOException | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cloud.close();
      stopped.countDown();
    }, "lambda-sdlc-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    String url = cloud.endpoint().toString();
    getLog().info("The lambda-sdlc local cloud is listening on " + url + " (region " + cloud.region()
        + ", account " + cloud.accountId() + ")");
    getLog().info("State: " + dir.getAbsolutePath());
    getLog().info("Use it from a shell:");
    getLog().info("  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=" + cloud.region());
    getLog().info("  export AWS_ENDPOINT_URL=" + url + "   # AWS CLI 2.13+, boto3 1.28+, SDKs");
    getLog().info("  aws --endpoint-url " + url + " cloudformation list-stacks   # any AWS CLI version");
    getLog().info("From a build: -Dlambda-sdlc.endpoint=" + url);
    getLog().info("Press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Runtime.getRuntime().removeShutdownHook(hook);
      cloud.close();
    }
  }
}
