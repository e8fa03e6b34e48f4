package io.github.lambdasdlc.benchmarks;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Percentiles of a set of measured samples (nearest rank, so every figure is a value that was actually
 * observed), with the count so that a reader can judge how far p99 can be trusted.
 */
record Stats(int n, double p50, double p90, double p99, double mean, double min, double max) {

  static Stats of(Collection<? extends Number> samples) {
    return of(samples.stream().mapToDouble(Number::doubleValue).toArray());
  }

  static Stats of(double[] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("No samples");
    }
    double[] s = samples.clone();
    Arrays.sort(s);
    return new Stats(s.length, rank(s, 50), rank(s, 90), rank(s, 99), Arrays.stream(s).average().orElse(0), s[0],
        s[s.length - 1]);
  }

  private static double rank(double[] sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  static String ms(double millis) {
    if (millis >= 100) {
      return String.format(Locale.ROOT, "%.0f", millis);
    }
    if (millis >= 10) {
      return String.format(Locale.ROOT, "%.1f", millis);
    }
    return String.format(Locale.ROOT, "%.2f", millis);
  }
}
