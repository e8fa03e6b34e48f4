package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalCloudException;
import io.github.lambdasdlc.local.core.RequestListener;
import io.github.lambdasdlc.local.core.ServiceEndpoints;
import io.github.lambdasdlc.local.core.UnsupportedResources;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the local cloud in the foreground until Ctrl-C, for the AWS CLI, boto3, an IDE or another build to
 * use. Needs no project: {@code mvn io.github.lambdasdlc:lambda-sdlc-maven-plugin:local} works from any
 * directory. Its state stays in {@code lambda-sdlc.local.dir}, the same setting ({@code localDir}) that
 * builds with {@code lambda-sdlc.endpoint=local} use, so that both see the same stacks. Prints one line per
 * request it answers (service, operation, status, time) unless Maven runs quiet ({@code -q}).
 */
@Mojo(name = "local", requiresProject = false, threadSafe = true)
public class LocalMojo extends AbstractMojo {

  /** The TCP port to listen on, on 127.0.0.1 only. {@code 0} picks a free port. */
  @Parameter(property = "lambda-sdlc.local.port", defaultValue = "4566")
  private int port;

  /**
   * The state directory of the embedded local cloud, used with {@code endpoint=local}.
   * (The name {@code dir} of earlier versions still works in this goal's configuration.)
   */
  @Parameter(alias = "dir", property = LocalClouds.DIR_PROPERTY, defaultValue = LocalClouds.DEFAULT_DIR)
  private File localDir;

  /**
   * The region the local cloud reports in ARNs and answers for: the same setting the build goals take their
   * region from. Unset: {@code us-east-1}.
   */
  @Parameter(property = "lambda-sdlc.region")
  private String region;

  /**
   * A port on 127.0.0.1 where each function's runtime waits for a debugger when it starts (a Java function's
   * JVM with JDWP, suspended until one attaches; a Python function under debugpy, when its python3 has it).
   * While it is set the functions' timeouts are lifted, one execution environment runs at a time (other
   * invocations wait for it), and the port is freed when the environment stops.
   */
  @Parameter(property = "lambda-sdlc.debugPort")
  private Integer debugPort;

  /**
   * The former property of {@code region}, still read, with a warning.
   *
   * @deprecated use {@code region} ({@code lambda-sdlc.region}), the name every goal shares
   */
  @Deprecated
  @Parameter(property = "lambda-sdlc.local.region")
  private String localRegion;

  /**
   * What the local cloud does with resource types it does not emulate (a DynamoDB table, a queue, a topic...):
   * {@code standin} provisions them as stand-ins with AWS's identifiers and attributes (Ref, Fn::GetAtt) and no
   * service behind them, and says so in their stack events; {@code fail} refuses the template, naming the first
   * such type. Applies to a local cloud this build starts.
   */
  @Parameter(property = LocalClouds.UNSUPPORTED_PROPERTY, defaultValue = "standin")
  private String unsupportedResources = "standin";

  /**
   * The seconds the local cloud waits for a custom resource's provider to answer (PUT its response to the
   * ResponseURL) before it fails the resource as CloudFormation does, when the resource's {@code ServiceTimeout}
   * is not shorter: a whole number from 1 to 3600 (AWS waits up to 3600). Applies to a local cloud this build
   * starts.
   */
  @Parameter(property = LocalClouds.CUSTOM_RESOURCE_TIMEOUT_PROPERTY, defaultValue = "300")
  private String customResourceTimeout = "300";

  /**
   * Endpoints of AWS services the local cloud does not emulate, for the functions it runs: {@code service=URL}
   * pairs separated by commas, such as {@code dynamodb=http://127.0.0.1:8000,sqs=http://127.0.0.1:9324} (DynamoDB
   * Local, ElasticMQ, MinIO, LocalStack). Every function gets {@code AWS_ENDPOINT_URL} (the local cloud itself,
   * for Lambda, CloudFormation and CloudWatch Logs) and, for each service here, {@code AWS_ENDPOINT_URL_<SERVICE>};
   * a service is named by that suffix ({@code dynamodb}, {@code sqs}, {@code s3}, {@code secrets_manager}...).
   * Applies to a local cloud this build starts.
   */
  @Parameter(property = LocalClouds.SERVICE_ENDPOINTS_PROPERTY)
  private String serviceEndpoints;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.local.skip", defaultValue = "false")
  private boolean skip;

  /** Skips every lambda-sdlc goal, this one included. */
  @Parameter(property = "lambda-sdlc.skip", defaultValue = "false")
  private boolean skipAll;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipAll) {
      getLog().info("Skipping the local cloud (" + (skipAll ? "lambda-sdlc.skip" : "lambda-sdlc.local.skip") + ").");
      return;
    }
    Path dir = localDir.toPath().toAbsolutePath().normalize();
    Log log = getLog();
    LocalCloud cloud;
    try {
      LocalCloudConfig.Builder config = LocalCloudConfig.builder(dir).port(port).region(region())
          .unsupportedResources(UnsupportedResources.parse(unsupportedResources))
          .serviceEndpoints(ServiceEndpoints.parse(serviceEndpoints))
          .customResourceTimeout(LocalClouds.customResourceTimeout(customResourceTimeout))
          .debugPort(debugPort == null ? 0 : debugPort).notices(log::info);
      UrlAnnouncer urls = new UrlAnnouncer(log);
      if (log.isInfoEnabled()) {
        config.requestListener(served -> {
          log.info(requestLine(served));
          urls.announceChanges();
        });
      }
      cloud = LocalCloud.start(config.build());
      urls.watch(cloud);
    } catch (LocalCloudException | UncheckedIOException | IllegalArgumentException e) {
      throw AbstractLambdaSdlcMojo.userFailure(e);
    }
    LocalServers.Registration registration = register(cloud, dir);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      registration.close();
      cloud.close();
      stopped.countDown();
    }, "lambda-sdlc-local-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    log.info("The lambda-sdlc local cloud is listening on " + cloud.endpoint() + " (region " + cloud.region()
        + ", account " + cloud.accountId() + ")");
    log.info("State: " + dir + " (" + LocalClouds.DIR_PROPERTY + ")");
    if (debugPort != null) {
      log.info("Debugger: each function's runtime waits for a debugger on 127.0.0.1:" + debugPort + " when it starts"
          + " (lambda-sdlc.debugPort); a line says when and how to attach.");
    }
    shellLines(cloud.endpoint().toString(), cloud.region()).forEach(log::info);
    Map<String, String> functionUrls = cloud.functionUrls();
    functionUrls.forEach((arn, url) -> log.info("Function URL of " + arn + ": " + url + " (curl " + url + ")"));
    cloud.httpApiEndpoints().forEach((id, url) -> log.info("HTTP API " + id + ": " + url));
    log.info(functionUrls.isEmpty() ? "Function URLs: none yet; each one a template or CreateFunctionUrlConfig makes"
        + " is served on a loopback port of its own and printed here." : "Function URLs are served on loopback"
        + " only; new ones are printed here as they appear.");
    log.info("From a build: -Dlambda-sdlc.endpoint=" + cloud.endpoint() + ", or -Dlambda-sdlc.endpoint=local with the"
        + " same " + LocalClouds.DIR_PROPERTY + ".");
    log.info(log.isInfoEnabled() ? "Each request is logged on a line of its own (-q hides them). Press Ctrl-C to stop."
        : "Press Ctrl-C to stop.");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Runtime.getRuntime().removeShutdownHook(hook);
      registration.close();
      cloud.close();
    }
  }

  /** Prints the function URLs and HTTP APIs that appeared or went away since it last looked (after each request). */
  static final class UrlAnnouncer {
    private final Log log;
    private volatile LocalCloud cloud;
    private Map<String, String> known = Map.of();

    UrlAnnouncer(Log log) {
      this.log = log;
    }

    synchronized void watch(LocalCloud watched) {
      this.cloud = watched;
      this.known = served(watched);
    }

    /** Function URLs by function ARN, HTTP APIs by "HTTP API <id>". */
    private static Map<String, String> served(LocalCloud cloud) {
      Map<String, String> all = new java.util.LinkedHashMap<>();
      cloud.functionUrls().forEach((arn, url) -> all.put("Function URL of " + arn, url));
      cloud.httpApiEndpoints().forEach((id, url) -> all.put("HTTP API " + id, url));
      return all;
    }

    synchronized void announceChanges() {
      LocalCloud watched = cloud;
      if (watched == null) {
        return;
      }
      Map<String, String> now = served(watched);
      if (now.equals(known)) {
        return;
      }
      now.forEach((what, url) -> {
        if (!url.equals(known.get(what))) {
          log.info(what + ": " + url);
        }
      });
      known.keySet().stream().filter(what -> !now.containsKey(what)).forEach(what -> log.info(what + ": deleted"));
      known = now;
    }
  }

  /** {@code region}, else the deprecated {@code lambda-sdlc.local.region} (with a warning), else us-east-1. */
  private String region() {
    boolean hasRegion = !AbstractLambdaSdlcMojo.isBlank(region);
    if (!AbstractLambdaSdlcMojo.isBlank(localRegion)) {
      getLog().warn("lambda-sdlc.local.region is deprecated: use lambda-sdlc.region (the region every goal shares)"
          + (hasRegion && !region.trim().equals(localRegion.trim()) ? "; it is ignored, since lambda-sdlc.region is "
          + region.trim() + "." : "."));
      if (!hasRegion) {
        return localRegion.trim();
      }
    }
    return hasRegion ? region.trim() : LocalCloudConfig.DEFAULT_REGION;
  }

  /** Records the running goal, so that builds starting a cloud on another directory can say so. */
  private LocalServers.Registration register(LocalCloud cloud, Path dir) {
    try {
      return LocalServers.register(cloud.endpoint(), dir);
    } catch (IOException | RuntimeException e) {
      getLog().warn("Cannot record this local cloud under " + LocalServers.root() + " (" + e.getMessage()
          + "): builds on another " + LocalClouds.DIR_PROPERTY + " will not be told that it runs.");
      return LocalServers.Registration.NONE;
    }
  }

  /**
   * What to paste into a shell. {@code AWS_DEFAULT_REGION} is what the AWS CLI v1 and boto3 read,
   * {@code AWS_REGION} what the SDKs (and the CLI v2) read; {@code AWS_ENDPOINT_URL} is read by the CLI from
   * v1.29 and v2.13 on, boto3 from 1.28 on and the SDKs; older CLIs need {@code --endpoint-url} on each
   * command.
   */
  static List<String> shellLines(String endpoint, String region) {
    return List.of(
        "Use it from a shell (AWS CLI v1.29+ and v2.13+, boto3 1.28+, the AWS SDKs):",
        "  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=" + region + " AWS_REGION="
            + region + " AWS_ENDPOINT_URL=" + endpoint,
        "  aws cloudformation describe-stacks",
        "Older AWS CLIs ignore AWS_ENDPOINT_URL: after the export, name the endpoint on each command:",
        "  aws --endpoint-url " + endpoint + " cloudformation describe-stacks");
  }

  /** One answered request: service, operation, status and time; never headers or bodies. */
  static String requestLine(RequestListener.Served served) {
    String service = served.service() == null ? "(no service)" : served.service();
    String operation = served.operation() == null ? "(unknown operation)" : served.operation();
    String status = served.status() < 0 ? "no answer" : Integer.toString(served.status());
    double ms = served.duration().toNanos() / 1e6;
    return String.format(java.util.Locale.ROOT, "%s %s %s %s ms", service, operation, status,
        ms < 10 ? String.format(java.util.Locale.ROOT, "%.1f", ms) : Long.toString(Math.round(ms)));
  }
}
