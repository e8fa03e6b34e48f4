package io.github.lambdasdlc.local;

import io.github.lambdasdlc.local.cloudformation.CloudFormationService;
import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalCloudException;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.core.StateStore;
import io.github.lambdasdlc.local.http.LocalHttpServer;
import io.github.lambdasdlc.local.http.Service;
import io.github.lambdasdlc.local.httpfront.HttpApis;
import io.github.lambdasdlc.local.httpfront.HttpFront;
import io.github.lambdasdlc.local.lambda.LambdaService;
import io.github.lambdasdlc.local.lambda.execution.ExecutionEngine;
import io.github.lambdasdlc.local.logs.LogsService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The embedded local cloud: CloudFormation, Lambda and CloudWatch Logs behind one loopback HTTP endpoint, with their state
 * in a directory so that a later instance on the same directory sees the same stacks and functions.
 *
 * <pre>{@code
 * try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).build())) {
 *   URI endpoint = cloud.endpoint(); // give it to any AWS client as its endpoint override
 * }
 * }</pre>
 */
public final class LocalCloud implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LocalCloud.class.getName());
  /** Where a running cloud records who holds its state directory, and at which endpoint. */
  private static final String OWNER_FILE = "owner.json";

  private final LocalContext context;
  private final List<Service> services;
  private final LocalHttpServer server;
  private final HttpFront front;
  private final HttpApis httpApis;

  private LocalCloud(LocalContext context, List<Service> services, LocalHttpServer server, HttpFront front,
      HttpApis httpApis) {
    this.context = context;
    this.services = services;
    this.server = server;
    this.front = front;
    this.httpApis = httpApis;
  }

  /**
   * Opens the state directory (taking its lock), loads the services' state and starts serving.
   *
   * @throws LocalCloudException when the state directory cannot be used
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static LocalCloud start(LocalCloudConfig config) {
    warnIfExposed(config);
    LocalHttpServer.applyJdkSettings(); // before any service makes a JDK HTTP server
    StateStore store = StateStore.open(config.stateDir(), "a local cloud starting on port " + config.port(),
        config.lockWait());
    AtomicInteger threads = new AtomicInteger();
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "local-cloud-worker-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LocalContext context = new LocalContext(config, store, scheduler, config.clock());
    List<Service> services = new ArrayList<>();
    HttpFront front = null;
    HttpApis httpApis = null;
    try {
      LambdaService lambda = new LambdaService(context);
      ExecutionEngine engine = config.warnings() == null ? new ExecutionEngine(context)
          : new ExecutionEngine(context, config.warnings());
      lambda.setInvoker(engine);
      services.add(lambda);
      front = new HttpFront(lambda, context);
      lambda.setUrlFront(front);
      httpApis = new HttpApis(lambda, context);
      services.add(new CloudFormationService(context, lambda, httpApis));
      services.add(new LogsService(context));
      LocalHttpServer server = LocalHttpServer.start(config.bindAddress(), config.port(), services,
          config.faultPlan());
      server.onServed(config.requestListener());
      engine.serveAt(server.endpoint());
      LocalCloud cloud = new LocalCloud(context, List.copyOf(services), server, front, httpApis);
      store.writeJson(OWNER_FILE, java.util.Map.of("owner", "the local cloud at " + server.endpoint(),
          "endpoint", server.endpoint().toString(), "pid", ProcessHandle.current().pid(),
          "since", java.time.Instant.now().toString()));
      return cloud;
    } catch (IOException e) {
      closeFront(front, httpApis);
      shutdown(services, scheduler, store);
      throw new UncheckedIOException("Cannot listen on " + config.bindAddress().getHostAddress() + ":" + config.port()
          + ": " + e.getMessage() + ". Choose another port with lambda-sdlc.local.port (0 picks a free one).", e);
    } catch (RuntimeException e) {
      closeFront(front, httpApis);
      shutdown(services, scheduler, store);
      throw e;
    }
  }

  private static void closeFront(HttpFront front, HttpApis httpApis) {
    if (front != null) {
      front.close();
    }
    if (httpApis != null) {
      httpApis.close();
    }
  }

  /**
   * The endpoint of a local cloud another process runs on {@code stateDir}, as it recorded it there, when
   * something still answers at that endpoint (a stale record names a port nobody serves).
   */
  public static Optional<URI> findRunning(Path stateDir) {
    Path owner = stateDir.toAbsolutePath().normalize().resolve(OWNER_FILE);
    if (!Files.isRegularFile(owner)) {
      return Optional.empty();
    }
    String text;
    try {
      text = Json.MAPPER.readTree(owner.toFile()).path("endpoint").asText(null);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (text == null) {
      return Optional.empty(); // the holder is still starting, or is not a local cloud
    }
    try {
      URI uri = URI.create(text);
      return answers(uri) ? Optional.of(uri) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a TCP connection to the endpoint succeeds. */
  private static boolean answers(URI uri) {
    if (uri.getHost() == null || uri.getPort() < 0) {
      return false;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Logged once per start of a cloud that listens beyond loopback (which its config must have allowed). */
  private static void warnIfExposed(LocalCloudConfig config) {
    if (config.bindsNonLoopback()) {
      LOG.warning("The local cloud listens on " + config.bindAddress().getHostAddress()
          + ", beyond this machine's loopback: it accepts any credentials, so whoever reaches that address can"
          + " change its stacks and run its functions.");
    }
  }

  /** How many faults of each kind the config's {@link io.github.lambdasdlc.local.core.FaultPlan} has injected. */
  public Map<FaultKind, Long> faultsInjected() {
    return server.faultsInjected();
  }

  /** The URL to give AWS clients as their endpoint, such as {@code http://127.0.0.1:4566}. */
  public URI endpoint() {
    return server.endpoint();
  }

  /**
   * The function URLs this cloud serves, by the function ARN each invokes (with the alias for an alias' URL):
   * {@code http://127.0.0.1:<port>/}, one loopback port per URL.
   */
  public Map<String, String> functionUrls() {
    for (Service service : services) {
      if (service instanceof LambdaService lambda) {
        return lambda.functionUrls();
      }
    }
    return Map.of();
  }

  /** The HTTP APIs (API Gateway v2) this cloud serves: their endpoints, {@code http://127.0.0.1:<port>}, by API id. */
  public Map<String, String> httpApiEndpoints() {
    return httpApis == null ? Map.of() : httpApis.endpoints();
  }

  public String region() {
    return context.region();
  }

  public String accountId() {
    return context.accountId();
  }

  public LocalCloudConfig config() {
    return context.config();
  }

  /** Stops serving, stops every background task and releases the state directory. State stays on disk. */
  @Override
  public void close() {
    server.close();
    closeFront(front, httpApis);
    shutdown(services, context.scheduler(), context.store());
  }

  private static void shutdown(List<Service> services, ScheduledExecutorService scheduler, StateStore store) {
    for (int i = services.size() - 1; i >= 0; i--) {
      try {
        services.get(i).close();
      } catch (RuntimeException e) {
        // keep closing the rest
      }
    }
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }
}
