package io.github.lambdasdlc.local.core;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** How to start a {@link LocalCloud}. Build one with {@link #builder(Path)}. */
public final class LocalCloudConfig {
  /** The account id in every ARN the local cloud makes; AWS documents it as the placeholder account. */
  public static final String DEFAULT_ACCOUNT_ID = "000000000000";
  public static final String DEFAULT_REGION = "us-east-1";

  private final Path stateDir;
  private final InetAddress bindAddress;
  private final int port;
  private final RequestListener requestListener;
  // Reliability: fault injection, waiting for a held state directory, binding beyond loopback.
  private final FaultPlan faultPlan;
  private final Duration lockWait;
  private final boolean allowNonLoopback;
  private final String region;
  private final String accountId;
  private final Duration lambdaUpdateDelay;
  private final Duration stackStepDelay;
  private final int maxConcurrency;
  private final String pythonCommand;
  private final String nodeCommand;
  private final List<Path> jdkHomes;
  private final boolean javaClassDataSharing;
  private final Clock clock;
  private final Consumer<String> warnings;
  private final Duration asyncRetryDelay;
  private final Duration asyncMaxEventAge;
  private final ServiceEndpoints serviceEndpoints;
  private final int debugPort;
  private final Consumer<String> notices;
  private final UnsupportedResources unsupportedResources;
  private final Duration customResourceTimeout;

  /**
   * What a stack does with a resource of a type the local cloud does not emulate: provision a stand-in (AWS's
   * identifiers and attributes, no service behind them) or fail.
   */
  public enum UnsupportedResources {
    STANDIN, FAIL;

    /** {@code standin} or {@code fail}, in any case. */
    public static UnsupportedResources parse(String value) {
      for (UnsupportedResources v : values()) {
        if (v.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException("lambda-sdlc.local.unsupportedResources must be standin or fail, not '"
          + value + "'");
    }
  }

  private LocalCloudConfig(Builder b) {
    this.stateDir = Objects.requireNonNull(b.stateDir, "stateDir");
    this.bindAddress = b.bindAddress;
    this.port = b.port;
    this.requestListener = b.requestListener;
    // Reliability settings.
    this.faultPlan = b.faultPlan;
    this.lockWait = b.lockWait;
    this.allowNonLoopback = b.allowNonLoopback;
    this.region = b.region;
    this.accountId = b.accountId;
    this.lambdaUpdateDelay = b.lambdaUpdateDelay;
    this.stackStepDelay = b.stackStepDelay;
    this.maxConcurrency = b.maxConcurrency;
    this.pythonCommand = b.pythonCommand;
    this.nodeCommand = b.nodeCommand;
    this.jdkHomes = List.copyOf(b.jdkHomes);
    this.javaClassDataSharing = b.javaClassDataSharing;
    this.clock = b.clock;
    this.warnings = b.warnings;
    this.asyncRetryDelay = b.asyncRetryDelay;
    this.asyncMaxEventAge = b.asyncMaxEventAge;
    this.serviceEndpoints = b.serviceEndpoints;
    this.debugPort = b.debugPort;
    this.notices = b.notices;
    this.unsupportedResources = b.unsupportedResources;
    this.customResourceTimeout = b.customResourceTimeout;
  }

  public static Builder builder(Path stateDir) {
    return new Builder(stateDir);
  }

  public Path stateDir() {
    return stateDir;
  }

  public InetAddress bindAddress() {
    return bindAddress;
  }

  public int port() {
    return port;
  }

  /** The services' endpoints the functions get as {@code AWS_ENDPOINT_URL_<SERVICE>}; none by default. */
  public ServiceEndpoints serviceEndpoints() {
    return serviceEndpoints;
  }

  /** Who is told about each answered request (service, operation, status, duration), or null. */
  public RequestListener requestListener() {
    return requestListener;
  }

  // ---- Reliability settings: fault injection, lock waiting, non-loopback binding.

  /** The requests to fail on purpose, to test clients' retries; {@link FaultPlan#none()} by default. */
  public FaultPlan faultPlan() {
    return faultPlan;
  }

  /**
   * How long {@link LocalCloud#start} waits for the state directory's lock when another local cloud
   * holds it; zero (the default) fails at once with a message naming the holder.
   */
  public Duration lockWait() {
    return lockWait;
  }

  /** Whether {@link #bindAddress()} may be other than a loopback address (see {@link Builder#allowNonLoopback}). */
  public boolean allowNonLoopback() {
    return allowNonLoopback;
  }

  /** Whether the server listens beyond this machine: any address that is not loopback, the wildcard included. */
  public boolean bindsNonLoopback() {
    return !bindAddress.isLoopbackAddress();
  }

  public String region() {
    return region;
  }

  public String accountId() {
    return accountId;
  }

  /**
   * How long a Lambda function stays {@code Pending} after CreateFunction and {@code InProgress} after an
   * update, so that clients exercise the waits they need on AWS (where it is about a second).
   */
  public Duration lambdaUpdateDelay() {
    return lambdaUpdateDelay;
  }

  /** The pause before each step of a stack operation, so that clients see the IN_PROGRESS states. */
  public Duration stackStepDelay() {
    return stackStepDelay;
  }

  /**
   * How many invocations may run at once across all functions; each runs in its own execution
   * environment (a child process). Beyond it, Invoke answers TooManyRequestsException as Lambda does at
   * the account's concurrency limit.
   */
  public int maxConcurrency() {
    return maxConcurrency;
  }

  /** The Python 3 interpreter that runs {@code python3.x} functions: a command on the PATH or a path. */
  public String pythonCommand() {
    return pythonCommand;
  }

  /** The Node.js that runs {@code nodejs*} functions: a command on the PATH or a path. */
  public String nodeCommand() {
    return nodeCommand;
  }

  /**
   * JDK homes to run Java functions with, in addition to those found on the machine
   * ({@code JAVA_HOME_<N>} variables, {@code ~/.m2/toolchains.xml}, {@code /usr/lib/jvm}). A function
   * runs on a JDK of its runtime's major version when one is known.
   */
  public List<Path> jdkHomes() {
    return jdkHomes;
  }

  /**
   * Whether Java functions start with a class-data-sharing archive of the runtime interface client's
   * classes, learned on this machine from the first Java environment (about half the runtime's init). On
   * by default; off starts every JVM with the JDK's own archive only.
   */
  public boolean javaClassDataSharing() {
    return javaClassDataSharing;
  }

  /** The clock of timestamps and of dated rules such as runtime deprecation (see {@link Builder#clock(Clock)}). */
  public Clock clock() {
    return clock;
  }

  /** Where the cloud's warnings go (a runtime on another JDK, ...), or null for {@code java.util.logging}. */
  public Consumer<String> warnings() {
    return warnings;
  }

  /**
   * How long after a function error an asynchronous ({@code Event}) invocation is retried the first time;
   * the second retry waits twice as long. AWS waits about one and two minutes (the default here); a
   * shorter delay lets a test see the retries sooner.
   */
  public Duration asyncRetryDelay() {
    return asyncRetryDelay;
  }

  /**
   * How long an asynchronous invocation may wait for its turn (while throttled or while the local cloud
   * fails) before it is dropped: AWS's {@code MaximumEventAgeInSeconds}, 6 hours by default.
   */
  public Duration asyncMaxEventAge() {
    return asyncMaxEventAge;
  }

  /**
   * The port on 127.0.0.1 where each function's runtime waits for a debugger (Java: JDWP, Python: debugpy),
   * or 0 (the default) for none. While it is set, the local cloud runs one execution environment at a time
   * (invocations wait for it), lifts the functions' timeouts, and frees the port when the environment stops.
   */
  public int debugPort() {
    return debugPort;
  }

  /**
   * Where the cloud's notices go (a runtime waiting for a debugger, and how to attach), or null for
   * {@code java.util.logging}.
   */
  public Consumer<String> notices() {
    return notices;
  }

  /** Stand-ins (the default) or failure for resource types the local cloud does not emulate. */
  public UnsupportedResources unsupportedResources() {
    return unsupportedResources;
  }

  /**
   * The longest a custom resource waits for its provider's answer here: AWS waits its {@code ServiceTimeout}
   * (an hour by default), too long for a build whose function crashed; the shorter of the two applies.
   */
  public Duration customResourceTimeout() {
    return customResourceTimeout;
  }

  /** Builds a {@link LocalCloudConfig}. */
  public static final class Builder {
    private final Path stateDir;
    private InetAddress bindAddress = InetAddress.getLoopbackAddress();
    private int port;
    private RequestListener requestListener;
    // Reliability settings.
    private FaultPlan faultPlan = FaultPlan.none();
    private Duration lockWait = Duration.ZERO;
    private boolean allowNonLoopback;
    private String region = DEFAULT_REGION;
    private String accountId = DEFAULT_ACCOUNT_ID;
    private Duration lambdaUpdateDelay = Duration.ofMillis(200);
    private Duration stackStepDelay = Duration.ofMillis(20);
    private int maxConcurrency = 10;
    private String pythonCommand = "python3";
    private String nodeCommand = "node";
    private List<Path> jdkHomes = List.of();
    private boolean javaClassDataSharing = true;
    private Clock clock = Clock.systemUTC();
    private Consumer<String> warnings;
    private Duration asyncRetryDelay = Duration.ofMinutes(1);
    private Duration asyncMaxEventAge = Duration.ofHours(6);
    private ServiceEndpoints serviceEndpoints = ServiceEndpoints.none();
    private int debugPort;
    private Consumer<String> notices;
    private UnsupportedResources unsupportedResources = UnsupportedResources.STANDIN;
    private Duration customResourceTimeout = Duration.ofMinutes(5);

    private Builder(Path stateDir) {
      this.stateDir = stateDir;
    }

    /**
     * The address to listen on; loopback by default. Any other address (the wildcard too) exposes the
     * local cloud, which checks no credentials, to the network: it needs {@link #allowNonLoopback(boolean)}.
     */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address);
      return this;
    }

    // ---- Reliability settings: fault injection, lock waiting, non-loopback binding.

    /**
     * Fails requests on purpose as the plan says (throttling, 500/503 errors, latency, dropped
     * connections), so that clients' retries can be tested; see {@link FaultPlan}. Default: none.
     */
    public Builder faultPlan(FaultPlan plan) {
      this.faultPlan = Objects.requireNonNull(plan);
      return this;
    }

    /**
     * How long to wait for the state directory when another local cloud (in this or another process)
     * holds it, before failing with a message that names the holder. Default zero: fail at once.
     */
    public Builder lockWait(Duration wait) {
      this.lockWait = requireNonNegative(wait);
      return this;
    }

    /**
     * Allows {@link #bindAddress(InetAddress)} to be an address other than loopback. The local cloud
     * accepts any credentials, so whoever reaches the address can change its stacks and run its
     * functions; a warning is logged when such a cloud starts. Default false.
     */
    public Builder allowNonLoopback(boolean allow) {
      this.allowNonLoopback = allow;
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("The local cloud's port must be between 0 and 65535, not " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Tells {@code listener} about each request after it is answered (the {@code local} goal prints a line
     * per request). Default: nobody.
     */
    public Builder requestListener(RequestListener listener) {
      this.requestListener = listener;
      return this;
    }

    public Builder region(String region) {
      this.region = Objects.requireNonNull(region);
      return this;
    }

    public Builder accountId(String accountId) {
      if (!accountId.matches("\\d{12}")) {
        throw new IllegalArgumentException("An AWS account id has 12 digits, not '" + accountId + "'");
      }
      this.accountId = accountId;
      return this;
    }

    public Builder lambdaUpdateDelay(Duration delay) {
      this.lambdaUpdateDelay = requireNonNegative(delay);
      return this;
    }

    public Builder stackStepDelay(Duration delay) {
      this.stackStepDelay = requireNonNegative(delay);
      return this;
    }

    /** At most this many invocations at once (default 10, Lambda's smallest account limit). */
    public Builder maxConcurrency(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("The local cloud's concurrency must be at least 1, not " + max);
      }
      this.maxConcurrency = max;
      return this;
    }

    /** The Python 3 interpreter for Python functions (default {@code python3}, looked up on the PATH). */
    public Builder pythonCommand(String command) {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("The Python command cannot be empty");
      }
      this.pythonCommand = command;
      return this;
    }

    /** The Node.js for Node.js functions (default {@code node}, looked up on the PATH). */
    public Builder nodeCommand(String command) {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("The Node.js command cannot be empty");
      }
      this.nodeCommand = command;
      return this;
    }

    /** Extra JDK homes for Java functions; the JDK's major version is read from its {@code release} file. */
    public Builder jdkHomes(List<Path> homes) {
      this.jdkHomes = List.copyOf(homes);
      return this;
    }

    /** Whether Java functions start with a learned class-data-sharing archive (default true). */
    public Builder javaClassDataSharing(boolean enabled) {
      this.javaClassDataSharing = enabled;
      return this;
    }

    /**
     * The local cloud's clock (default the system's, UTC): timestamps, and the day that decides which runtimes
     * Lambda still accepts. Tests set it to a day before or after a runtime's blocks.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * Where to report the cloud's warnings, each once (a Java runtime running on another JDK, a Python version
     * that differs): a build's log, for example. Default: {@code java.util.logging}.
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings);
      return this;
    }

    /** The first retry of an Event invocation after a function error (default 1 minute, as on AWS). */
    public Builder asyncRetryDelay(Duration delay) {
      this.asyncRetryDelay = requireNonNegative(delay);
      return this;
    }

    /** How long an Event invocation may wait before it is dropped (default 6 hours, as on AWS). */
    public Builder asyncMaxEventAge(Duration age) {
      this.asyncMaxEventAge = requireNonNegative(age);
      return this;
    }

    /** Endpoints of the services the local cloud does not emulate, for the functions' SDKs. */
    public Builder serviceEndpoints(ServiceEndpoints endpoints) {
      this.serviceEndpoints = Objects.requireNonNull(endpoints);
      return this;
    }

    /**
     * Starts each function's runtime waiting for a debugger on 127.0.0.1 at this port (see
     * {@link LocalCloudConfig#debugPort()}); 0, the default, for none.
     */
    public Builder debugPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("The debug port (lambda-sdlc.debugPort) must be between 1 and 65535, not "
            + port);
      }
      this.debugPort = port;
      return this;
    }

    /** Where to report the cloud's notices, such as a runtime waiting for a debugger. Default: java.util.logging. */
    public Builder notices(Consumer<String> notices) {
      this.notices = Objects.requireNonNull(notices);
      return this;
    }

    /**
     * What stacks do with resource types the local cloud does not emulate: {@code STANDIN} (the default)
     * provisions stand-ins with AWS's identifiers, {@code FAIL} refuses the template naming the first one.
     */
    public Builder unsupportedResources(UnsupportedResources mode) {
      this.unsupportedResources = Objects.requireNonNull(mode);
      return this;
    }

    /** The longest a custom resource waits for its provider's answer (default 5 minutes; AWS waits an hour). */
    public Builder customResourceTimeout(Duration timeout) {
      this.customResourceTimeout = requireNonNegative(timeout);
      return this;
    }

    private static Duration requireNonNegative(Duration d) {
      if (d.isNegative()) {
        throw new IllegalArgumentException("A delay cannot be negative: " + d);
      }
      return d;
    }

    /**
     * @throws IllegalArgumentException when the bind address is not loopback and that was not allowed
     */
    public LocalCloudConfig build() {
      if (!bindAddress.isLoopbackAddress() && !allowNonLoopback) {
        throw new IllegalArgumentException("The local cloud listens on loopback only, not on "
            + bindAddress.getHostAddress() + ": it checks no credentials, so anyone who reaches it could change"
            + " its stacks and run its functions. Call allowNonLoopback(true) to bind there anyway.");
      }
      return new LocalCloudConfig(this);
    }
  }
}
