package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalCloudException;
import io.github.lambdasdlc.local.core.ServiceEndpoints;
import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
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
    return endpoint(stateDir, region, unsupportedResources, serviceEndpoints, null, listener);
  }

  /**
   * As above; a cloud started now starts its functions' runtimes for a debugger on {@code debugPort}
   * ({@code lambda-sdlc.debugPort}, null for none) and says so through the listener.
   */
  static synchronized Endpoint endpoint(Path stateDir, String region, String unsupportedResources,
      String serviceEndpoints, Integer debugPort, WorkflowListener listener) {
    Path dir = stateDir.toAbsolutePath().normalize();
    String wantedRegion = region == null || region.isBlank() ? LocalCloudConfig.DEFAULT_REGION : region.trim();
    Endpoint known = ENDPOINTS.get(dir);
    if (known != null) {
      listener.debug("Using the local cloud at " + known.uri() + " (state " + dir + ")");
      return known;
    }
    Endpoint endpoint;
    try {
      // Its warnings (a runtime on another JDK) go to the build's log, once per build.
      LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).region(wantedRegion).warnings(listener::warn)
          .unsupportedResources(unsupportedResources == null ? LocalCloudConfig.UnsupportedResources.STANDIN
              : LocalCloudConfig.UnsupportedResources.parse(unsupportedResources))
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
