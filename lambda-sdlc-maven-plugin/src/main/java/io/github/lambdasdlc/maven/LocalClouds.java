package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalCloudException;
import io.github.lambdasdlc.local.core.ServiceEndpoints;
import io.github.lambdasdlc.local.core.UnsupportedResources;
import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded local clouds of this JVM: one per state directory, started by the first goal that asks for
 * it and shared by every later goal of the build (every module too, since the plugin's classes are loaded
 * once), then closed when the JVM exits. When another process already holds the directory with a running
 * local cloud (the {@code local} goal, or another build), that one is used instead.
 */
final class LocalClouds {
  /** The property of the local cloud's state directory, the same for every goal, {@code local} included. */
  static final String DIR_PROPERTY = "lambda-sdlc.local.dir";
  /** Its default: one directory per user, shared by builds, the {@code local} goal, the CLI and IDEs. */
  static final String DEFAULT_DIR = "${user.home}/.lambda-sdlc/local";
  /** The property of what the local cloud does with resource types it does not emulate. */
  static final String UNSUPPORTED_PROPERTY = "lambda-sdlc.local.unsupportedResources";
  /** The property of the endpoints of services the local cloud does not emulate, for its functions. */
  static final String SERVICE_ENDPOINTS_PROPERTY = ServiceEndpoints.SETTING;
  /** The property of the seconds the local cloud waits for a custom resource's answer. */
  static final String CUSTOM_RESOURCE_TIMEOUT_PROPERTY = "lambda-sdlc.local.customResourceTimeout";
  /** CloudFormation's longest wait for a custom resource (its ServiceTimeout's maximum), in seconds. */
  private static final int MAX_CUSTOM_RESOURCE_TIMEOUT = 3600;

  /**
   * An endpoint serving a state directory, the region to sign requests for, and the port where its
   * functions wait for a debugger (0: none; always 0 for a cloud of another process, whose setting is unknown).
   */
  record Endpoint(URI uri, String region, boolean embedded, int debugPort) {
  }

  private static final Map<Path, Endpoint> ENDPOINTS = new HashMap<>();
  private static final Map<Path, LocalCloud> STARTED = new HashMap<>();
  private static boolean hookAdded;

  private LocalClouds() {
  }

  /** {@link #endpoint(Path, String, String, WorkflowListener)} with stand-ins for unemulated types. */
  static Endpoint endpoint(Path stateDir, String region, WorkflowListener listener) {
    return endpoint(stateDir, region, null, null, listener);
  }

  /**
   * The endpoint of the local cloud on {@code stateDir}: the one this JVM started, else one started now,
   * else the one another process runs on it.
   *
   * @param region the region to start it in, or null for the local cloud's default
   * @param unsupportedResources {@code standin} or {@code fail} (null: standin), for a cloud started now
   * @param serviceEndpoints {@code service=URL} pairs for its functions (null: none), for a cloud started now
   * @throws WorkflowException (a user error) when the directory cannot be used
   */
  static synchronized Endpoint endpoint(Path stateDir, String region, String unsupportedResources,
      String serviceEndpoints, WorkflowListener listener) {
    return endpoint(stateDir, region, unsupportedResources, serviceEndpoints, null, null, listener);
  }

  /**
   * As above; a cloud started now waits {@code customResourceTimeout} seconds for custom resources' answers
   * ({@code lambda-sdlc.local.customResourceTimeout}, null for the local cloud's default), and starts its functions'
   * runtimes for a debugger on {@code debugPort} ({@code lambda-sdlc.debugPort}, null for none), saying so through
   * the listener.
   */
  static synchronized Endpoint endpoint(Path stateDir, String region, String unsupportedResources,
      String serviceEndpoints, String customResourceTimeout, Integer debugPort, WorkflowListener listener) {
    Path dir = stateDir.toAbsolutePath().normalize();
    String wantedRegion = region == null || region.isBlank() ? LocalCloudConfig.DEFAULT_REGION : region.trim();
    Endpoint known = ENDPOINTS.get(dir);
    if (known != null) {
      listener.debug("Using the local cloud at " + known.uri() + " (state " + dir + ")");
      return known;
    }
    Endpoint endpoint;
    try {
      LocalCloudConfig.Builder config = LocalCloudConfig.builder(dir);
      if (customResourceTimeout != null) {
        config.customResourceTimeout(customResourceTimeout(customResourceTimeout));
      }
      // Its warnings (a runtime on another JDK) go to the build's log, once per build.
      LocalCloud cloud = LocalCloud.start(config.region(wantedRegion).warnings(listener::warn)
          .unsupportedResources(unsupportedResources == null ? UnsupportedResources.STANDIN
              : UnsupportedResources.parse(unsupportedResources))
          .serviceEndpoints(ServiceEndpoints.parse(serviceEndpoints))
          .debugPort(debugPort == null ? 0 : debugPort).notices(listener::info).build());
      addShutdownHook();
      STARTED.put(dir, cloud);
      endpoint = new Endpoint(cloud.endpoint(), cloud.region(), true, debugPort == null ? 0 : debugPort);
      listener.info("Started the local cloud at " + cloud.endpoint() + " (region " + cloud.region() + ", state "
          + dir + "); it runs until this build ends.");
      warnAboutLocalGoalsElsewhere(dir, listener);
    } catch (LocalCloudException e) {
      URI running = LocalCloud.findRunning(dir).orElseThrow(() -> WorkflowException.userError(e.getMessage(), e));
      endpoint = new Endpoint(running, wantedRegion, false, 0);
      listener.info("Using the local cloud already running at " + running + ", which holds " + dir + ".");
    } catch (UncheckedIOException | IllegalArgumentException e) {
      throw WorkflowException.userError("Cannot start the local cloud on " + dir + ": " + e.getMessage(), e);
    }
    ENDPOINTS.put(dir, endpoint);
    return endpoint;
  }

  /**
   * The value of {@code lambda-sdlc.local.customResourceTimeout}: whole seconds from 1 to 3600.
   *
   * @throws IllegalArgumentException naming the setting, for anything else
   */
  static Duration customResourceTimeout(String seconds) {
    String value = seconds == null ? "" : seconds.trim();
    int parsed = value.matches("\\d{1,5}") ? Integer.parseInt(value) : 0;
    if (parsed < 1 || parsed > MAX_CUSTOM_RESOURCE_TIMEOUT) {
      throw new IllegalArgumentException(CUSTOM_RESOURCE_TIMEOUT_PROPERTY + " must be a whole number of seconds from 1"
          + " to " + MAX_CUSTOM_RESOURCE_TIMEOUT + " (how long a custom resource's provider may take to answer), not '"
          + seconds + "'");
    }
    return Duration.ofSeconds(parsed);
  }

  /**
   * Says so when a {@code local} goal runs on another state directory: the user most likely expects the
   * CLI or IDE on that endpoint to see what this build does, and it will not.
   */
  private static void warnAboutLocalGoalsElsewhere(Path dir, WorkflowListener listener) {
    for (LocalServers.Server server : LocalServers.running()) {
      if (!server.stateDir().equals(dir)) {
        listener.warn("A local cloud started by mvn lambda-sdlc:local (process " + server.pid() + ") is running at "
            + server.endpoint() + " on " + server.stateDir() + ", not on " + dir + " (" + DIR_PROPERTY + ") that this"
            + " build uses: clients of " + server.endpoint() + " will not see this build's stacks. To share them,"
            + " run both on the same " + DIR_PROPERTY + ", or point this build at that cloud with -Dlambda-sdlc.endpoint="
            + server.endpoint() + ".");
      }
    }
  }

  private static void addShutdownHook() {
    if (hookAdded) {
      return;
    }
    hookAdded = true;
    Runtime.getRuntime().addShutdownHook(new Thread(LocalClouds::closeAll, "lambda-sdlc-local-clouds-shutdown"));
  }

  /** Stops the cloud this JVM started on the directory, if any (the JVM's exit does it otherwise). */
  static synchronized void stop(Path stateDir) {
    Path dir = stateDir.toAbsolutePath().normalize();
    ENDPOINTS.remove(dir);
    LocalCloud cloud = STARTED.remove(dir);
    if (cloud != null) {
      cloud.close();
    }
  }

  private static synchronized void closeAll() {
    STARTED.values().forEach(cloud -> {
      try {
        cloud.close();
      } catch (RuntimeException e) {
        // The JVM is exiting; the next start recovers the directory.
      }
    });
    STARTED.clear();
    ENDPOINTS.clear();
  }
}
