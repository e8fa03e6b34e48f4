package io.github.lambdasdlc.workflow;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Says that a wait goes on: after a few seconds without any other line, and again at each interval, one line
 * with what is awaited and how long it has been, so that a slow stack, function or endpoint never looks
 * like a hung build. Polling waits call {@link #tick} at each poll and {@link #heard} when they printed
 * something else.
 */
final class WaitProgress {
  /** The interval of the progress lines, and the silence after which the first one comes. */
  static final Duration EVERY = Duration.ofSeconds(10);

  /** The first line comes sooner: a wait "longer than a few seconds" is what users notice. */
  static final Duration FIRST = Duration.ofSeconds(5);

  private final WorkflowListener listener;
  private final long every;
  private final long start = System.nanoTime();
  private long next;

  WaitProgress(WorkflowListener listener, Duration every) {
    this.listener = listener;
    this.every = every.toNanos();
    this.next = start + Math.min(FIRST.toNanos(), this.every);
  }

  /** Prints {@code Still waiting for <what>: <n> s so far} when the wait has been silent long enough. */
  void tick(Supplier<String> what) {
    long now = System.nanoTime();
    if (now - next >= 0) {
      listener.info("Still waiting for " + what.get() + ": " + seconds(now - start) + " so far");
      next = now + every;
    }
  }

  /** Something was printed: the next progress line waits another interval. */
  void heard() {
    next = System.nanoTime() + every;
  }

  /** The time since the wait began, for messages: {@code 12 s}. */
  String elapsed() {
    return seconds(System.nanoTime() - start);
  }

  static String seconds(long nanos) {
    return Math.round(nanos / 1e9) + " s";
  }
}
