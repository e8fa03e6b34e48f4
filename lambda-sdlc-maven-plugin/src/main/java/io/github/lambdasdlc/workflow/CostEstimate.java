package io.github.lambdasdlc.workflow;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What invocations would cost on Lambda, from their REPORT lines: billed duration p50 and max, memory used
 * against the configured size, and the price of a million such invocations (requests plus GB-seconds) at
 * that size and architecture. When the memory used stays far below the configured size, what a smaller size
 * would cost at the same billed durations, which is only a bound: CPU scales with memory on AWS.
 */
public final class CostEstimate {

  /**
   * The figures of some invocations.
   *
   * @param invocations how many REPORT lines they are
   * @param p50BilledMs the median billed duration (nearest rank), cold starts included
   * @param maxMemoryUsedMb the most memory any of them used, or null when no line says
   * @param coldStarts how many were cold starts (their billed duration includes the init phase)
   * @param perMillionUsd US dollars for a million invocations billed {@code p50BilledMs} each
   */
  public record Figures(int invocations, long p50BilledMs, long maxBilledMs, Integer maxMemoryUsedMb,
      int memorySizeMb, String architecture, int coldStarts, double perMillionUsd) {
  }

  /** A smaller memory size to measure on AWS, and what the same billed durations would cost at it. */
  public record SmallerSize(int memoryMb, double perMillionUsd) {
  }

  /** Lambda's smallest memory size. */
  static final int MIN_MEMORY_MB = 128;

  private final LambdaPrices prices;
  private final int memorySizeMb;
  private final String architecture;

  /**
   * @param memorySizeMb the function's configured memory
   * @param architecture {@code x86_64} or {@code arm64}; null is Lambda's default, x86_64
   */
  public CostEstimate(LambdaPrices prices, int memorySizeMb, String architecture) {
    this.prices = Objects.requireNonNull(prices);
    this.memorySizeMb = memorySizeMb;
    this.architecture = architecture == null ? "x86_64" : architecture;
  }

  /** The figures of these REPORT lines; null when there are none with a billed duration. */
  public Figures figures(List<ReportLine> reports) {
    List<ReportLine> billed = reports.stream().filter(r -> r != null && r.billedMs() != null).toList();
    if (billed.isEmpty()) {
      return null;
    }
    long[] ms = billed.stream().mapToLong(ReportLine::billedMs).sorted().toArray();
    long p50 = ms[(ms.length + 1) / 2 - 1];
    Integer maxUsed = billed.stream().map(ReportLine::maxMemoryUsedMb).filter(Objects::nonNull)
        .max(Integer::compare).orElse(null);
    int cold = (int) billed.stream().filter(r -> r.initDurationMs() != null).count();
    return new Figures(ms.length, p50, ms[ms.length - 1], maxUsed, memorySizeMb, architecture, cold,
        prices.perMillion(p50, memorySizeMb, architecture));
  }

  /**
   * A smaller size worth measuring when at most half the configured memory was used: the used memory plus
   * half again, rounded up to 64 MB, at least 128 MB. Null when there is none.
   */
  public SmallerSize smallerSize(Figures f) {
    if (f == null || f.maxMemoryUsedMb() == null || f.maxMemoryUsedMb() * 2 > f.memorySizeMb()) {
      return null;
    }
    int candidate = Math.max(MIN_MEMORY_MB, (int) Math.ceil(f.maxMemoryUsedMb() * 1.5 / 64.0) * 64);
    if (candidate >= f.memorySizeMb()) {
      return null;
    }
    return new SmallerSize(candidate, prices.perMillion(f.p50BilledMs(), candidate, f.architecture()));
  }

  /** The first line of a summary: whose prices, for which architecture and size. */
  public String header(String what) {
    String whose = prices.areAwsDefaults() ? "AWS's us-east-1 prices of " + LambdaPrices.AS_OF
        : "the configured prices (lambda-sdlc.requestPrice, lambda-sdlc.x86GbSecondPrice, lambda-sdlc.arm64GbSecondPrice)";
    return String.format(Locale.ROOT, "Cost of %s at %s: %s, %d MB; $%s per million requests + $%s per GB-second"
        + " (an estimate, not a bill):", what, whose, architecture, memorySizeMb, plain(prices.requestsPerMillion()),
        plain(prices.gbSecond(architecture)));
  }

  /** One invocation: {@code billed 5 ms (cold start), 91 of 512 MB used, $0.24 per million}. */
  public static String single(Figures f) {
    if (f == null) {
      return "no REPORT line, no estimate";
    }
    return "billed " + f.maxBilledMs() + " ms" + (f.coldStarts() > 0 ? " (cold start, init included)" : "") + ", "
        + used(f) + ", " + usd(f.perMillionUsd()) + " per million";
  }

  /** Several: {@code 4 invocations: billed p50 5 ms, max 1290 ms (1 cold start), ... $0.24 per million at p50}. */
  public static String group(Figures f) {
    return f.invocations() + " invocation" + (f.invocations() == 1 ? "" : "s") + ": billed p50 " + f.p50BilledMs()
        + " ms, max " + f.maxBilledMs() + " ms" + (f.coldStarts() == 0 ? ""
        : " (" + f.coldStarts() + " cold start" + (f.coldStarts() == 1 ? "" : "s") + ", init included)") + ", "
        + (f.maxMemoryUsedMb() == null ? "memory used unknown" : "at most " + used(f)) + ", "
        + usd(f.perMillionUsd()) + " per million at p50";
  }

  /** The advice when memory is far from used, or null. */
  public String advice(Figures f) {
    SmallerSize smaller = smallerSize(f);
    if (smaller == null) {
      return null;
    }
    return "Memory: at most " + f.maxMemoryUsedMb() + " of " + f.memorySizeMb() + " MB used. At " + smaller.memoryMb()
        + " MB the same billed durations would cost " + usd(smaller.perMillionUsd()) + " per million instead of "
        + usd(f.perMillionUsd()) + "; but CPU scales with memory on AWS, so durations grow at smaller sizes: measure"
        + " on AWS (AWS Lambda Power Tuning, say) before choosing.";
  }

  /** Said when the durations come from elsewhere than AWS, whose CPU share per MB they do not reflect. */
  public static String notAws(Target target) {
    return "These durations were measured on " + target.describe() + ", not on AWS, where a function gets a CPU"
        + " share in proportion to its memory: the bill on AWS follows AWS's durations (try -Paws).";
  }

  private static String used(Figures f) {
    return (f.maxMemoryUsedMb() == null ? "?" : f.maxMemoryUsedMb()) + " of " + f.memorySizeMb() + " MB used";
  }

  /** Dollars with cents, or with four decimals below a cent. */
  static String usd(double value) {
    return value < 0.01 && value > 0 ? String.format(Locale.ROOT, "$%.4f", value)
        : String.format(Locale.ROOT, "$%,.2f", value);
  }

  /** A price as given, with at least cents: {@code 0.20}, {@code 0.0000166667}. */
  private static String plain(double value) {
    java.math.BigDecimal d = java.math.BigDecimal.valueOf(value).stripTrailingZeros();
    return d.setScale(Math.max(2, d.scale())).toPlainString();
  }
}
