package io.github.lambdasdlc.maven;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.maven.plugin.logging.SystemStreamLog;

/**
 * The {@code local} goal running in a thread of the test, as {@code mvn lambda-sdlc:local} runs until
 * Ctrl-C; {@link #close()} interrupts it, which stops it as Ctrl-C does.
 */
final class LocalGoalRun implements AutoCloseable {
  /** A Maven log that keeps its lines (from any thread), optionally as quiet as {@code mvn -q}. */
  static final class Lines extends SystemStreamLog {
    private final List<String> lines = new ArrayList<>();
    private final boolean quiet;

    Lines(boolean quiet) {
      this.quiet = quiet;
    }

    @Override
    public boolean isInfoEnabled() {
      return !quiet;
    }

    @Override
    public void info(CharSequence content) {
      add("INFO " + content);
    }

    @Override
    public void warn(CharSequence content) {
      add("WARN " + content);
    }

    private synchronized void add(String line) {
      lines.add(line);
    }

    synchronized List<String> lines() {
      return List.copyOf(lines);
    }

    String text() {
      return String.join("\n", lines());
    }
  }

  private final Thread thread;
  private final Lines log;
  private volatile Throwable failure;

  private LocalGoalRun(LocalMojo mojo, Lines log) {
    this.log = log;
    mojo.setLog(log);
    this.thread = new Thread(() -> {
      try {
        mojo.execute();
      } catch (Throwable t) {
        failure = t;
      }
    }, "local-goal-under-test");
  }

  /** Starts the goal and waits until it says where it listens. */
  static LocalGoalRun start(LocalMojo mojo, Lines log) throws Exception {
    LocalGoalRun run = new LocalGoalRun(mojo, log);
    run.thread.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (run.listeningLine().isEmpty()) {
      if (run.failure != null) {
        throw new AssertionError("The local goal failed: " + run.failure, run.failure);
      }
      if (!run.thread.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("The local goal did not start:\n" + log.text());
      }
      Thread.sleep(50);
    }
    return run;
  }

  private Optional<String> listeningLine() {
    return log.lines().stream().filter(l -> l.contains("local cloud is listening on ")).findFirst();
  }

  /** The endpoint the goal printed. */
  URI endpoint() {
    String line = listeningLine().orElseThrow();
    String rest = line.substring(line.indexOf("listening on ") + "listening on ".length());
    return URI.create(rest.substring(0, rest.indexOf(' ')));
  }

  Lines log() {
    return log;
  }

  /** Waits (generously) until the log has a line containing {@code text}. */
  String awaitLine(String text, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> line = log.lines().stream().filter(l -> l.contains(text)).findFirst();
      if (line.isPresent()) {
        return line.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("No line with '" + text + "' in:\n" + log.text());
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join(TimeUnit.SECONDS.toMillis(60));
    if (failure != null) {
      throw new AssertionError("The local goal failed: " + failure, failure);
    }
  }
}
