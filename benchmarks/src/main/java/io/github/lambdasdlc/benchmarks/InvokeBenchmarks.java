package io.github.lambdasdlc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Invocations through the SDK's LambdaClient on the local cloud: warm latency and throughput (item 1), cold
 * starts after a code change (item 2), and what each invocation is billed and uses (item 4).
 */
final class InvokeBenchmarks {
  /** One function under test. */
  record Subject(String label, String function, String event) {
  }

  /** Warm latency of sequential invocations. */
  record Warm(Subject subject, Stats latency, Stats billed, Stats maxMemory, double memorySizeMb) {
  }

  /** Throughput with {@code callers} threads invoking back to back. */
  record Throughput(Subject subject, int callers, long invocations, double seconds, Stats latency) {
    double perSecond() {
      return invocations / seconds;
    }
  }

  /** Cold starts: client-side latency, the REPORT's Init Duration and Duration, and the rest. */
  record Cold(Subject subject, Stats total, Stats init, Stats duration, Stats setup, Stats billed, Stats maxMemory) {
  }

  private final Sdk sdk;

  InvokeBenchmarks(Sdk sdk) {
    this.sdk = sdk;
  }

  Warm warm(Subject s, int warmup, int measured, int reported) {
    for (int i = 0; i < warmup; i++) {
      Deployment.invoke(sdk, s.function(), s.event(), false);
    }
    double[] latency = new double[measured];
    for (int i = 0; i < measured; i++) {
      long t0 = System.nanoTime();
      Deployment.invoke(sdk, s.function(), s.event(), false);
      latency[i] = (System.nanoTime() - t0) / 1e6;
    }
    // Billing and memory come from the REPORT line, which only a Tail invocation returns: measured apart,
    // so that decoding the log does not weigh on the latencies above.
    List<Long> billed = new ArrayList<>();
    List<Long> memory = new ArrayList<>();
    long size = 0;
    for (int i = 0; i < reported; i++) {
      Deployment.ReportLine r = Deployment.ReportLine.of(Deployment.invoke(sdk, s.function(), s.event(), true));
      billed.add(r.billedMillis());
      memory.add(r.maxMemoryMb());
      size = r.memorySizeMb();
    }
    return new Warm(s, Stats.of(latency), billed.isEmpty() ? null : Stats.of(billed),
        memory.isEmpty() ? null : Stats.of(memory), size);
  }

  Throughput throughput(Subject s, int callers, double seconds) throws InterruptedException {
    // Every caller gets a warm environment first: the first concurrent round starts the extra ones.
    for (int round = 0; round < 3; round++) {
      run(s, callers, 0.0, 5);
    }
    List<List<Double>> latencies = run(s, callers, seconds, Integer.MAX_VALUE);
    List<Double> all = new ArrayList<>();
    latencies.forEach(all::addAll);
    return new Throughput(s, callers, all.size(), seconds, Stats.of(all));
  }

  /** {@code callers} threads invoking until {@code seconds} pass (or {@code maxEach} each); their latencies. */
  private List<List<Double>> run(Subject s, int callers, double seconds, int maxEach) throws InterruptedException {
    List<List<Double>> latencies = new ArrayList<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    long[] deadline = new long[1];
    for (int c = 0; c < callers; c++) {
      List<Double> mine = new ArrayList<>();
      latencies.add(mine);
      Thread t = new Thread(() -> {
        try {
          start.await();
          for (int i = 0; i < maxEach && (seconds == 0 || System.nanoTime() < deadline[0]); i++) {
            long t0 = System.nanoTime();
            Deployment.invoke(sdk, s.function(), s.event(), false);
            mine.add((System.nanoTime() - t0) / 1e6);
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "bench-caller-" + c);
      threads.add(t);
      t.start();
    }
    deadline[0] = System.nanoTime() + (long) (seconds * 1e9);
    start.countDown();
    for (Thread t : threads) {
      t.join();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    return latencies;
  }

  /**
   * Cold starts: each sample changes the code (UpdateFunctionCode, wait for Successful), then times the
   * first invocation. {@code change} makes the next code change and returns nothing.
   */
  Cold cold(Subject s, int samples, Runnable change) {
    List<Double> total = new ArrayList<>();
    List<Double> init = new ArrayList<>();
    List<Double> duration = new ArrayList<>();
    List<Double> setup = new ArrayList<>();
    List<Long> billed = new ArrayList<>();
    List<Long> memory = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      change.run();
      long t0 = System.nanoTime();
      InvokeResponse r = Deployment.invoke(sdk, s.function(), s.event(), true);
      double millis = (System.nanoTime() - t0) / 1e6;
      Deployment.ReportLine report = Deployment.ReportLine.of(r);
      if (report.initMillis() == null) {
        throw new IllegalStateException("The first invocation after a code change of " + s.function()
            + " reported no Init Duration: it was not a cold start");
      }
      total.add(millis);
      init.add(report.initMillis());
      duration.add(report.durationMillis());
      setup.add(Math.max(0, millis - report.initMillis() - report.durationMillis()));
      billed.add(report.billedMillis());
      memory.add(report.maxMemoryMb());
    }
    return new Cold(s, Stats.of(total), Stats.of(init), Stats.of(duration), Stats.of(setup), Stats.of(billed),
        Stats.of(memory));
  }

  static String perSecond(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
