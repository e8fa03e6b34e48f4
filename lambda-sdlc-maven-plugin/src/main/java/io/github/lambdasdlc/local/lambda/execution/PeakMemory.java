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
      // Read on every invocation: parsed in place, without a list of lines or a regular expression.
      String status = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "status")),
          StandardCharsets.ISO_8859_1);
      int at = status.indexOf("VmHWM:");
      if (at >= 0) {
        long kb = 0;
        boolean digits = false;
        for (int i = at + 6; i < status.length() && status.charAt(i) != '\n'; i++) {
          char c = status.charAt(i);
          if (c >= '0' && c <= '9') {
            kb = kb * 10 + (c - '0');
            digits = true;
          }
        }
        if (digits) {
          return OptionalLong.of(kb);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }
}
