package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.SdkErrors;
import io.github.lambdasdlc.workflow.Target;
import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A goal that works on the stack: which stack, where it lives (AWS, the embedded local cloud, or another
 * endpoint) and how long a call may take. It connects to the target after {@link #checkSettings}, says
 * where its calls go, and closes the clients when {@link #run} ends; the embedded local cloud stays up for
 * later goals.
 */
public abstract class AbstractStackMojo extends AbstractLambdaSdlcMojo {

  /** The CloudFormation stack that holds the function. */
  @Parameter(property = "lambda-sdlc.stackName", defaultValue = "${project.artifactId}", required = true)
  protected String stackName;

  /**
   * Where the stack lives: {@code aws} (AWS itself, with the SDK's default credential and region chains,
   * narrowed by {@code region} and {@code profile}), {@code local} (the embedded local cloud on
   * {@code localDir}, started by the first goal that needs it and shared by the whole build), or the URL of
   * an AWS-compatible endpoint such as {@code http://127.0.0.1:4566}.
   */
  @Parameter(property = "lambda-sdlc.endpoint", defaultValue = "aws")
  protected String endpoint;

  /** The AWS region, such as {@code eu-west-1}. Unset: the SDK's region chain (AWS_REGION, the profile). */
  @Parameter(property = "lambda-sdlc.region")
  protected String region;

  /** The named AWS profile (of ~/.aws/config) to take credentials and region from. Unset: the default chain. */
  @Parameter(property = "lambda-sdlc.profile")
  protected String profile;

  /** The state directory of the embedded local cloud, used with {@code endpoint=local}. */
  @Parameter(property = LocalClouds.DIR_PROPERTY, defaultValue = LocalClouds.DEFAULT_DIR)
  protected File localDir;

  /**
   * What the local cloud does with resource types it does not emulate (a DynamoDB table, a queue, a topic...):
   * {@code standin} provisions them as stand-ins with AWS's identifiers and attributes (Ref, Fn::GetAtt) and no
   * service behind them, and says so in their stack events; {@code fail} refuses the template, naming the first
   * such type. Applies to a local cloud this build starts.
   */
  @Parameter(property = LocalClouds.UNSUPPORTED_PROPERTY, defaultValue = "standin")
  protected String unsupportedResources;

  /**
   * The seconds the local cloud waits for a custom resource's provider to answer (PUT its response to the
   * ResponseURL) before it fails the resource as CloudFormation does, when the resource's {@code ServiceTimeout}
   * is not shorter: a whole number from 1 to 3600 (AWS waits up to 3600). Applies to a local cloud this build
   * starts.
   */
  @Parameter(property = LocalClouds.CUSTOM_RESOURCE_TIMEOUT_PROPERTY, defaultValue = "300")
  protected String customResourceTimeout;

  /**
   * Endpoints of AWS services the local cloud does not emulate, for the functions it runs: {@code service=URL}
   * pairs separated by commas, such as {@code dynamodb=http://127.0.0.1:8000,sqs=http://127.0.0.1:9324} (DynamoDB
   * Local, ElasticMQ, MinIO, LocalStack). Every function gets {@code AWS_ENDPOINT_URL} (the local cloud itself,
   * for Lambda, CloudFormation and CloudWatch Logs) and, for each service here, {@code AWS_ENDPOINT_URL_<SERVICE>};
   * a service is named by that suffix ({@code dynamodb}, {@code sqs}, {@code s3}, {@code secrets_manager}...).
   * Applies to a local cloud this build starts.
   */
  @Parameter(property = LocalClouds.SERVICE_ENDPOINTS_PROPERTY)
  protected String serviceEndpoints;

  /**
   * The seconds a call to the endpoint may take, retries included, before the goal fails naming the
   * endpoint and the operation: every call but Invoke, whose limit is the function's own Timeout plus a
   * minute. An endpoint that accepts connections and never answers fails within this time.
   */
  @Parameter(property = "lambda-sdlc.callTimeout", defaultValue = "30")
  protected int callTimeout;

  /**
   * A port on 127.0.0.1 where the function's runtime waits for a debugger (a Java function's JVM with JDWP,
   * suspended until one attaches; a Python function under debugpy, when its python3 has it; Node.js with
   * --inspect-brk), for invoke and integration-test on the embedded local cloud ({@code endpoint=local}); it
   * does not apply to AWS or an endpoint URL. While it is set the function's timeout is lifted, one execution
   * environment runs at a time (other invocations wait for it), and the port is freed when the environment
   * stops. Any goal that starts the local cloud passes it on, since a build's first goal starts it.
   */
  @Parameter(property = "lambda-sdlc.debugPort")
  protected Integer debugPort;

  /** Whether invocations may wait for a debugger: the embedded local cloud was started with a debug port. */
  private boolean debugging;

  @Override
  protected final void work(WorkflowListener progress) throws MojoFailureException {
    if (!needsEndpoint()) {
      return;
    }
    Target target = target(progress);
    try (AwsClients clients = AwsClients.connect(target, Duration.ofSeconds(callTimeout), progress, List.of())) {
      progress.info(targetLine(clients));
      if (debugging) {
        clients.waitForDebugger();
      }
      try {
        run(clients, progress);
      } catch (SdkException e) {
        // A call the workflow does not explain itself still fails with a message, not an SDK stack trace.
        throw SdkErrors.explain(e, clients.target(), "running the " + goal() + " goal");
      }
    }
  }

  /**
   * Whether the goal has anything to ask the endpoint, once its settings are checked; false ends it without
   * connecting (an integration test without event cases, which says so).
   */
  protected boolean needsEndpoint() {
    return true;
  }

  /** The goal's work. The clients are closed afterwards; the embedded local cloud stays up for later goals. */
  protected abstract void run(AwsClients clients, WorkflowListener progress) throws MojoFailureException;

  /** The target that {@code endpoint} names; starts (or finds) the local cloud for {@code local}. */
  Target target(WorkflowListener progress) {
    String e = endpoint == null ? "" : endpoint.trim();
    if (e.isEmpty() || e.equalsIgnoreCase("aws")) {
      warnDebugPortDoesNotApply(progress, "AWS");
      return Target.aws(region, profile);
    }
    Target target;
    if (e.equalsIgnoreCase("local")) {
      LocalClouds.Endpoint local = LocalClouds.endpoint(localDir.toPath(), region, unsupportedResources,
          serviceEndpoints, customResourceTimeout, debugPort, progress);
      target = Target.localCloud(local.uri(), local.region());
      debugging = local.debugPort() > 0;
      if (debugPort != null && local.debugPort() != debugPort) {
        progress.warn("lambda-sdlc.debugPort=" + debugPort + " does not apply to the local cloud at " + local.uri()
            + (local.embedded() ? ", which this build started with " + (local.debugPort() == 0 ? "no debug port"
            : "debug port " + local.debugPort()) + "." : ", which another process runs: start that one with"
            + " -Dlambda-sdlc.debugPort=" + debugPort + " (mvn lambda-sdlc:local -Dlambda-sdlc.debugPort="
            + debugPort + ")."));
      }
    } else {
      target = Target.endpoint(parseUrl(e), region);
      warnDebugPortDoesNotApply(progress, target.endpoint().toString());
    }
    project.getProperties().setProperty(ENDPOINT_URL_PROPERTY, target.endpoint().toString());
    return target;
  }

  private void warnDebugPortDoesNotApply(WorkflowListener progress, String where) {
    if (debugPort != null) {
      progress.warn("lambda-sdlc.debugPort=" + debugPort + " does not apply to " + where + ": it starts the functions"
          + " of the embedded local cloud (lambda-sdlc.endpoint=local) for a debugger. For a local goal's cloud,"
          + " start that goal with -Dlambda-sdlc.debugPort=" + debugPort + ".");
    }
  }

  /**
   * The goal's first line: where its calls go, so that nobody believes they deployed to AWS while the build
   * worked on the local cloud, or the other way round. {@code Target: AWS, region eu-west-1 (AWS_REGION),
   * profile dev; stack my-app}, or the local cloud and its state directory, or the endpoint URL.
   */
  String targetLine(AwsClients clients) {
    Target t = clients.target();
    String where;
    if (t.isAws()) {
      where = "AWS, region " + clients.region().id() + " (" + regionSource(t) + "), " + credentialSource(t);
    } else if (isLocal()) {
      where = "the local cloud at " + t.endpoint() + " (state " + localDir.toPath().toAbsolutePath().normalize() + ")";
    } else {
      where = t.endpoint() + " (region " + clients.region().id() + ")";
    }
    return "Target: " + where + "; stack " + stackName;
  }

  private boolean isLocal() {
    return endpoint != null && endpoint.trim().equalsIgnoreCase("local");
  }

  /** Where the SDK's chain took the region from, as far as can be told without asking it again. */
  private static String regionSource(Target t) {
    if (t.region() != null) {
      return "lambda-sdlc.region";
    }
    if (!isBlank(System.getProperty("aws.region"))) {
      return "aws.region";
    }
    if (!isBlank(System.getenv("AWS_REGION"))) {
      return "AWS_REGION";
    }
    return "the profile's region";
  }

  /** The profile, or the keys that the SDK's credential chain takes before any profile. */
  private static String credentialSource(Target t) {
    if (!isBlank(System.getProperty("aws.accessKeyId"))) {
      return "credentials from aws.accessKeyId";
    }
    if (!isBlank(System.getenv("AWS_ACCESS_KEY_ID"))) {
      return "credentials from AWS_ACCESS_KEY_ID";
    }
    return "profile " + profileName(t);
  }

  private static String profileName(Target t) {
    if (t.profile() != null) {
      return t.profile() + " (lambda-sdlc.profile)";
    }
    if (!isBlank(System.getProperty("aws.profile"))) {
      return System.getProperty("aws.profile") + " (aws.profile)";
    }
    String env = System.getenv("AWS_PROFILE");
    return isBlank(env) ? "default" : env + " (AWS_PROFILE)";
  }

  private static URI parseUrl(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // explained below
    }
    throw WorkflowException.userError("lambda-sdlc.endpoint is '" + value + "'. Use aws (the default), local (the"
        + " embedded local cloud), or the URL of an AWS-compatible endpoint such as http://127.0.0.1:4566.");
  }

}
