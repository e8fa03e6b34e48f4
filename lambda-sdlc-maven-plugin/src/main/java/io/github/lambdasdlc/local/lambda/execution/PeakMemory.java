package io.github.lambdasdlc.local.lambda.execution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Lambda's "Max Memory Used" of an environment: the peak resident set of its runtime process (VmHWM in
 * /proc), in MB, sampled at the points where the REPORT line needs it. Not on Linux, it stays 0.
 */
final class PeakMemory {
  private final ChildProcess process;
  private volatile long pid = -1;
  private volatile long maxMb;

  PeakMemory(ChildProcess process) {
    this.process = process;
  }

  /** Reads the runtime's peak so far; the largest reading is kept. */
  synchronized void sample() {
    if (pid < 0) {
      pid = process.runtime().map(ProcessHandle::pid).orElse(-1L);
    }
    if (pid < 0) {
      return;
    }
    OptionalLong kb = peakResidentKb(pid);
    if (kb.isPresent()) {
      maxMb = Math.max(maxMb, (kb.getAsLong() + 1023) / 1024);
    }
  }

  long maxMb() {
    return maxMb;
  }

  static OptionalLong peakResidentKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }
}
