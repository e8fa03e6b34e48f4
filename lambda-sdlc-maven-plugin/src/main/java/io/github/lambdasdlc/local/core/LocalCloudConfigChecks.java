package io.github.lambdasdlc.local.core;

import java.net.InetAddress;
import java.time.Duration;

/**
 * The checks {@link LocalCloudConfig.Builder} makes of each setting, each failing with a message that names
 * the setting and what it accepts.
 */
final class LocalCloudConfigChecks {
  private LocalCloudConfigChecks() {
  }

  static int port(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The local cloud's port must be between 0 and 65535, not " + port);
    }
    return port;
  }

  static int debugPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("The debug port (lambda-sdlc.debugPort) must be between 1 and 65535, not "
          + port);
    }
    return port;
  }

  static String accountId(String accountId) {
    if (!accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("An AWS account id has 12 digits, not '" + accountId + "'");
    }
    return accountId;
  }

  static int maxConcurrency(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("The local cloud's concurrency must be at least 1, not " + max);
    }
    return max;
  }

  /** A command that runs functions ({@code what}: "Python", "Node.js"), never empty. */
  static String command(String command, String what) {
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException("The " + what + " command cannot be empty");
    }
    return command;
  }

  static Duration nonNegative(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("A delay cannot be negative: " + d);
    }
    return d;
  }

  /** Binding beyond loopback exposes a cloud that checks no credentials: only when that was allowed. */
  static void bindAddress(InetAddress bindAddress, boolean allowNonLoopback) {
    if (!bindAddress.isLoopbackAddress() && !allowNonLoopback) {
      throw new IllegalArgumentException("The local cloud listens on loopback only, not on "
          + bindAddress.getHostAddress() + ": it checks no credentials, so anyone who reaches it could change"
          + " its stacks and run its functions. Call allowNonLoopback(true) to bind there anyway.");
    }
  }
}
