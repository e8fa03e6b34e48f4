package io.github.lambdasdlc.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** What the suite ran on, and a process's resident memory as Linux reports it. */
final class Machine {
  private Machine() {
  }

  static String describe() {
    return "Cores: " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")"
        + "; memory: " + memTotalMb() + " MB"
        + "; JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ")"
        + "; OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch")
        + "; python3: " + pythonVersion();
  }

  /** The 1-minute load average: how busy the machine was while measuring. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
    } catch (IOException e) {
      return "unknown CPU";
    }
  }

  private static String memTotalMb() {
    OptionalLong kb = procField(Path.of("/proc/meminfo"), "MemTotal:");
    return kb.isPresent() ? Long.toString(kb.getAsLong() / 1024) : "unknown";
  }

  private static String pythonVersion() {
    try {
      Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return v.replace("Python ", "");
    } catch (IOException | InterruptedException e) {
      return "not found";
    }
  }

  /** VmRSS (now) of a process, in MB, or -1 when it cannot be read. */
  static double rssMb(long pid) {
    return statusMb(pid, "VmRSS:");
  }

  /** VmHWM (peak resident set since start) of a process, in MB, or -1. */
  static double hwmMb(long pid) {
    return statusMb(pid, "VmHWM:");
  }

  private static double statusMb(long pid, String field) {
    OptionalLong kb = procField(Path.of("/proc", Long.toString(pid), "status"), field);
    return kb.isPresent() ? kb.getAsLong() / 1024.0 : -1;
  }

  private static OptionalLong procField(Path file, String field) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(field)) {
          return OptionalLong.of(Long.parseLong(line.substring(field.length()).replaceAll("[^0-9]", "")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process is gone
    }
    return OptionalLong.empty();
  }

  static String mb(double mb) {
    return mb < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MB", mb);
  }
}
