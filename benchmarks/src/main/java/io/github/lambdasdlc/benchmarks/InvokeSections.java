package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import java.util.ArrayList;
import java.util.List;

/** Items 1, 2 and 4: warm invocations, cold starts, and the Python stub against the Java function. */
final class InvokeSections {
  private InvokeSections() {
  }

  static void run(Settings settings, Report report) throws Exception {
    FunctionCode code = FunctionCode.compile(settings.repoRoot().resolve("example-function/src/main/java"),
        settings.work().resolve("example"));
    // Lambda's default update delays do not matter here; four callers need four environments at once.
    try (LocalCloud cloud = BenchmarkSuite.cloud(settings, "invoke-cloud", b -> b.maxConcurrency(8));
        Sdk sdk = new Sdk(cloud.endpoint())) {
      String python = Deployment.createStubStack(sdk, "bench-python");
      String java = Deployment.createStubStack(sdk, "bench-java");
      Deployment.flipToJava(cloud.endpoint(), java, "java21", code.javaZip());
      String java25 = null;
      if (settings.runs("cold") || settings.runs("all")) {
        java25 = Deployment.createStubStack(sdk, "bench-java25");
        Deployment.flipToJava(cloud.endpoint(), java25, "java25", code.javaZip());
      }

      InvokeBenchmarks bench = new InvokeBenchmarks(sdk);
      InvokeBenchmarks.Subject py = new InvokeBenchmarks.Subject("Python stub (python3.13)", python,
          FunctionCode.STUB_EVENT);
      InvokeBenchmarks.Subject jv = new InvokeBenchmarks.Subject("Java QuoteHandler (java21)", java,
          FunctionCode.QUOTE_EVENT);
      List<InvokeBenchmarks.Subject> subjects = List.of(jv, py);

      List<InvokeBenchmarks.Warm> warm = new ArrayList<>();
      List<InvokeBenchmarks.Throughput> throughput = new ArrayList<>();
      List<ClientWarm> clients = new ArrayList<>();
      Floor floor = null;
      if (settings.runs("warm") || settings.runs("flip")) {
        for (InvokeBenchmarks.Subject s : subjects) {
          warm.add(bench.warm(s, settings.samples(300, 50), settings.samples(2000, 100), settings.samples(200, 20)));
        }
      }
      if (settings.runs("warm")) {
        byte[] answer = Deployment.invoke(sdk, java, FunctionCode.QUOTE_EVENT, false).payload().asByteArray();
        try (FloorServer server = FloorServer.start(answer); Sdk floorSdk = new Sdk(server.endpoint())) {
          InvokeBenchmarks.Subject floorSubject = new InvokeBenchmarks.Subject("floor: trivial loopback server",
              "floor", FunctionCode.QUOTE_EVENT);
          InvokeBenchmarks floorBench = new InvokeBenchmarks(floorSdk);
          Stats sdkFloor = floorBench.warm(floorSubject, settings.samples(300, 50), settings.samples(2000, 100), 0)
              .latency();
          int boto3Warmup = settings.samples(50, 20);
          int boto3Samples = settings.samples(500, 100);
          Stats boto3Floor = Stats.of(Boto3Client.warm(settings.work(), server.endpoint(), "floor",
              FunctionCode.QUOTE_EVENT, boto3Warmup, boto3Samples));
          for (InvokeBenchmarks.Subject s : subjects) {
            clients.add(new ClientWarm("SDK for Java v2", s, warm.stream().filter(w -> w.subject().equals(s))
                .findFirst().orElseThrow().latency(), sdkFloor, 2.0));
            clients.add(new ClientWarm("boto3", s, Stats.of(Boto3Client.warm(settings.work(), cloud.endpoint(),
                s.function(), s.event(), boto3Warmup, boto3Samples)), boto3Floor, 3.0));
          }
          floor = new Floor(sdkFloor, boto3Floor, floorBench.throughput(floorSubject, 4, settings.quick() ? 1 : 4));
        }
        for (int callers : new int[] {1, 2, 4}) {
          for (InvokeBenchmarks.Subject s : subjects) {
            throughput.add(bench.throughput(s, callers, settings.quick() ? 1 : 4));
          }
        }
      }
      List<InvokeBenchmarks.Cold> cold = new ArrayList<>();
      if (settings.runs("cold") || settings.runs("flip")) {
        int[] build = {0};
        // The first Java environment on each JDK teaches the local cloud its class-data-sharing archive;
        // the cold starts measured are those of a machine where that has happened.
        Deployment.invoke(sdk, java, FunctionCode.QUOTE_EVENT, false);
        if (java25 != null) {
          Deployment.invoke(sdk, java25, FunctionCode.QUOTE_EVENT, false);
        }
        awaitArchives(settings.work().resolve("invoke-cloud/execution/runtime/java/cds"), java25 != null ? 2 : 1);
        cold.add(bench.cold(jv, settings.samples(15, 3),
            () -> Deployment.updateCode(sdk, java, readAll(code.changedJavaZip().file()))));
        if (java25 != null) {
          String fn25 = java25;
          cold.add(bench.cold(new InvokeBenchmarks.Subject("Java QuoteHandler (java25)", fn25, FunctionCode.QUOTE_EVENT),
              settings.samples(15, 3), () -> Deployment.updateCode(sdk, fn25, readAll(code.changedJavaZip().file()))));
        }
        if (settings.runs("cold")) {
          cold.add(coldWithoutArchive(settings, code));
        }
        cold.add(bench.cold(py, settings.samples(20, 3),
            () -> Deployment.updateCode(sdk, python, FunctionCode.pythonZip(++build[0]))));
      }
      write(settings, report, warm, clients, floor, throughput, cold);
    }
  }

  /** The java21 cold start on a local cloud with javaClassDataSharing off: the JDK's own archive only. */
  private static InvokeBenchmarks.Cold coldWithoutArchive(Settings settings, FunctionCode code) throws Exception {
    try (LocalCloud cloud = BenchmarkSuite.cloud(settings, "invoke-cloud-nocds", b -> b.javaClassDataSharing(false));
        Sdk sdk = new Sdk(cloud.endpoint())) {
      String java = Deployment.createStubStack(sdk, "bench-java-nocds");
      Deployment.flipToJava(cloud.endpoint(), java, "java21", code.javaZip());
      Deployment.invoke(sdk, java, FunctionCode.QUOTE_EVENT, false);
      return new InvokeBenchmarks(sdk).cold(new InvokeBenchmarks.Subject(
              "Java QuoteHandler (java21), class-data-sharing archive off", java, FunctionCode.QUOTE_EVENT),
          settings.samples(15, 3), () -> Deployment.updateCode(sdk, java, readAll(code.changedJavaZip().file())));
    }
  }

  private static void awaitArchives(java.nio.file.Path dir, int count) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (java.nio.file.Files.isDirectory(dir)) {
        try (var files = java.nio.file.Files.list(dir)) {
          if (files.filter(p -> p.toString().endsWith(".jsa")).count() >= count) {
            return;
          }
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("The local cloud made no class-data-sharing archive in " + dir + " within 2 minutes");
  }

  private static byte[] readAll(java.nio.file.Path file) {
    try {
      return java.nio.file.Files.readAllBytes(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Warm latency through one client, with the floor measured through the same client in the same run. */
  private record ClientWarm(String client, InvokeBenchmarks.Subject subject, Stats latency, Stats floor,
      double p50Target) {
  }

  /** The trivial loopback server's figures (see {@link FloorServer}). */
  private record Floor(Stats sdk, Stats boto3, InvokeBenchmarks.Throughput throughput) {
  }

  /** Warm invoke p99 target, for every client. */
  private static final double P99_TARGET = 5.0;
  private static final double THROUGHPUT_TARGET = 1000;

  private static void write(Settings settings, Report report, List<InvokeBenchmarks.Warm> warm,
      List<ClientWarm> clients, Floor floor,
      List<InvokeBenchmarks.Throughput> throughput, List<InvokeBenchmarks.Cold> cold) {
    if (!clients.isEmpty()) {
      report.section("1. Warm invoke latency (one caller), next to the floor",
          "Sequential Invoke calls on the in-process local cloud after a warm-up, client side, in milliseconds:"
              + " through the SDK for Java v2's LambdaClient (url-connection HTTP client) and through boto3 (a"
              + " python3 process, `time.perf_counter` around `invoke`). *Floor*: the same client and request"
              + " against a trivial loopback HTTP server that answers the same payload (`FloorServer`), measured in"
              + " this run. Targets: p50 ≤ 2 ms (SDK), ≤ 3 ms (boto3); p99 ≤ 5 ms.");
      Report.Table t = report.table("client", "function", "n", "p50 ms", "p90 ms", "p99 ms", "floor p50 / p99 ms",
          "target p50 / p99 ms", "met");
      for (ClientWarm c : clients) {
        boolean met = c.latency().p50() <= c.p50Target() && c.latency().p99() <= P99_TARGET;
        t.row(c.client(), c.subject().label(), c.latency().n(), Stats.ms(c.latency().p50()), Stats.ms(c.latency().p90()),
            Stats.ms(c.latency().p99()), Stats.ms(c.floor().p50()) + " / " + Stats.ms(c.floor().p99()),
            "≤ " + Stats.ms(c.p50Target()) + " / ≤ " + Stats.ms(P99_TARGET), met ? "met" : "**missed**");
      }
      t.end();
    }
    if (!throughput.isEmpty()) {
      report.section("1b. Warm invoke throughput with concurrent callers",
          "Each caller a thread invoking back to back through the SDK for a fixed time, every caller with a warm"
              + " environment of its own (local cloud maxConcurrency 8). Target: ≥ 1,000 invocations/s with 4"
              + " callers." + (floor == null ? "" : " Floor (4 callers against the trivial loopback server): "
              + InvokeBenchmarks.perSecond(floor.throughput().perSecond()) + " invocations/s, p50 "
              + Stats.ms(floor.throughput().latency().p50()) + " ms."));
      Report.Table t = report.table("function", "callers", "invocations/s", "p50 ms", "p90 ms", "p99 ms", "target",
          "met");
      for (InvokeBenchmarks.Throughput r : throughput) {
        boolean four = r.callers() == 4;
        t.row(r.subject().label(), r.callers(), InvokeBenchmarks.perSecond(r.perSecond()), Stats.ms(r.latency().p50()),
            Stats.ms(r.latency().p90()), Stats.ms(r.latency().p99()), four ? "≥ 1,000/s" : "",
            four ? (r.perSecond() >= THROUGHPUT_TARGET ? "met" : "**missed**") : "");
      }
      t.end();
    }
    if (!cold.isEmpty() && settings.runs("cold")) {
      report.section("2. Cold start: first invoke after a code change",
          "Each sample: UpdateFunctionCode with changed bytes, wait for LastUpdateStatus Successful, then time the"
              + " first Invoke (client side). *Init* is the REPORT line's Init Duration (runtime process start to its"
              + " first /next call: JVM or interpreter start, runtime client, handler class); *duration* the"
              + " REPORT's Duration; *setup* the rest (unpacking code, a Runtime API, forking, HTTP). Medians (p90)."
              + " Targets: total p50 ≤ 250 ms for Java, ≤ 100 ms for Python.");
      Report.Table t = report.table("function", "n", "total p50 (p90) ms", "init p50 (p90) ms",
          "duration p50 (p90) ms", "setup p50 (p90) ms", "target p50", "met");
      for (InvokeBenchmarks.Cold c : cold) {
        double target = c.subject().label().startsWith("Python") ? 100 : 250;
        t.row(c.subject().label(), c.total().n(), pair(c.total()), pair(c.init()), pair(c.duration()), pair(c.setup()),
            "≤ " + Stats.ms(target) + " ms", c.total().p50() <= target ? "met" : "**missed**");
      }
      t.end();
    }
    if (settings.runs("flip") && (!warm.isEmpty() || !cold.isEmpty())) {
      report.section("4. The flip's payoff: billed duration and memory per invoke",
          "From the REPORT lines (LogType Tail). Billed Duration includes Init Duration on a cold start (Lambda"
              + " bills a managed runtime's init since August 2025); Max Memory Used is the runtime process's peak"
              + " resident set (VmHWM). Medians (p90).");
      Report.Table t = report.table("function", "memory size", "warm billed ms", "warm max memory MB",
          "cold billed ms", "cold max memory MB");
      for (InvokeBenchmarks.Warm w : warm) {
        InvokeBenchmarks.Cold c = cold.stream().filter(x -> x.subject().equals(w.subject())).findFirst().orElse(null);
        t.row(w.subject().label(), (long) w.memorySizeMb() + " MB", pair(w.billed()), pair(w.maxMemory()),
            c == null ? "n/a" : pair(c.billed()), c == null ? "n/a" : pair(c.maxMemory()));
      }
      t.end();
    }
  }

  static String pair(Stats s) {
    return Stats.ms(s.p50()) + " (" + Stats.ms(s.p90()) + ")";
  }
}
