package io.github.lambdasdlc.local.compat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program that is not ours (the AWS CLI, a boto3 script) against the local cloud, as a user would:
 * only the endpoint URL and placeholder credentials come from us.
 */
final class ExternalClient {
  /** What a run printed and how it exited. */
  record Outcome(int exitCode, String stdout, String stderr) {
    JsonNode json() {
      try {
        return Json.MAPPER.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("Not JSON (exit " + exitCode + "): " + stdout + "\nstderr: " + stderr, e);
      }
    }

    Outcome ok() {
      if (exitCode != 0) {
        throw new AssertionError("Exit code " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
      }
      return this;
    }
  }

  private final URI endpoint;
  private final Path workDir;

  ExternalClient(URI endpoint, Path workDir) {
    this.endpoint = endpoint;
    this.workDir = workDir;
  }

  /** Whether a command is on the PATH and runs. */
  static boolean available(String... probe) {
    try {
      Process p = new ProcessBuilder(probe).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** {@code aws --endpoint-url URL --output json <args>}. */
  Outcome aws(String... args) {
    List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
    command.addAll(List.of(args));
    return run(command);
  }

  /** {@code <executable> --endpoint-url URL <args>}: a given AWS CLI (say v1 and v2 side by side). */
  Outcome cli(String executable, String... args) {
    List<String> command = new ArrayList<>(List.of(executable, "--endpoint-url", endpoint.toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  /** {@code python3 <script> <args>} with AWS_ENDPOINT_URL pointing at the local cloud. */
  Outcome python(Path script, String... args) {
    List<String> command = new ArrayList<>(List.of("python3", script.toString()));
    command.addAll(List.of(args));
    return run(command);
  }

  private Outcome run(List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "test");
    env.put("AWS_SECRET_ACCESS_KEY", "test");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_ENDPOINT_URL", endpoint.toString());
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", workDir.resolve("no-aws-config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", workDir.resolve("no-aws-credentials").toString());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      byte[][] out = new byte[2][];
      Thread err = new Thread(() -> {
        try {
          out[1] = p.getErrorStream().readAllBytes();
        } catch (IOException e) {
          out[1] = new byte[0];
        }
      });
      err.start();
      out[0] = p.getInputStream().readAllBytes();
      if (!p.waitFor(240, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("Timed out: " + command);
      }
      err.join();
      return new Outcome(p.exitValue(), new String(out[0], StandardCharsets.UTF_8),
          new String(out[1], StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("Cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
