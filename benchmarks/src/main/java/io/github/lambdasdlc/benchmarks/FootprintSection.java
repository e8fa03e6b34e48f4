package io.github.lambdasdlc.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Item 6: resident memory of a local cloud running in a JVM of its own (default JVM settings, as {@code mvn
 * lambda-sdlc:local} has them), idle and under load, and of the execution environments it starts.
 */
final class FootprintSection {
  private FootprintSection() {
  }

  static void run(Settings settings, Report report) throws Exception {
    FunctionCode code = FunctionCode.compile(settings.repoRoot().resolve("example-function/src/main/java"),
        settings.work().resolve("footprint-example"));
    Path state = settings.work().resolve("footprint-cloud");
    Files.createDirectories(state);
    String javaExe = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process cloud = new ProcessBuilder(javaExe, "-cp", System.getProperty("java.class.path"),
        LocalCloudProcess.class.getName(), state.toString()).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(cloud.getInputStream(), StandardCharsets.UTF_8));
      String line = out.readLine();
      if (line == null || !line.startsWith("ENDPOINT ")) {
        throw new IllegalStateException("The local cloud process did not start: " + line);
      }
      Thread drain = new Thread(() -> {
        try {
          out.transferTo(java.io.Writer.nullWriter());
        } catch (java.io.IOException e) {
          // the process ended
        }
      }, "bench-cloud-output");
      drain.setDaemon(true);
      drain.start();
      URI endpoint = URI.create(line.substring("ENDPOINT ".length()).trim());
      long pid = cloud.pid();
      Deployment.sleep(2000);
      double idle = Machine.rssMb(pid);

      Report.Table t;
      try (Sdk sdk = new Sdk(endpoint)) {
        String python = Deployment.createStubStack(sdk, "footprint-python");
        String javaFn = Deployment.createStubStack(sdk, "footprint-java");
        Deployment.flipToJava(endpoint, javaFn, "java21", code.javaZip());
        double deployed = Machine.rssMb(pid);

        for (int i = 0; i < 200; i++) {
          Deployment.invoke(sdk, javaFn, FunctionCode.QUOTE_EVENT, false);
          Deployment.invoke(sdk, python, FunctionCode.STUB_EVENT, false);
        }
        List<ProcessHandle> runtimes = runtimes(pid);
        double javaEnv = runtimes.stream().filter(p -> command(p).endsWith("java")).mapToDouble(p -> Machine.rssMb(p.pid()))
            .max().orElse(-1);
        double pythonEnv = runtimes.stream().filter(p -> command(p).contains("python"))
            .mapToDouble(p -> Machine.rssMb(p.pid())).max().orElse(-1);
        double oneCallerCloud = Machine.rssMb(pid);

        // Load: four callers on the Java function, sampling the cloud's RSS every 100 ms.
        AtomicBoolean running = new AtomicBoolean(true);
        List<Double> samples = new ArrayList<>();
        Thread sampler = new Thread(() -> {
          while (running.get()) {
            samples.add(Machine.rssMb(pid));
            Deployment.sleep(100);
          }
        }, "bench-rss-sampler");
        sampler.start();
        InvokeBenchmarks.Throughput load = new InvokeBenchmarks(sdk).throughput(
            new InvokeBenchmarks.Subject("java", javaFn, FunctionCode.QUOTE_EVENT), 4, settings.quick() ? 2 : 10);
        running.set(false);
        sampler.join();
        double loaded = samples.stream().mapToDouble(Double::doubleValue).max().orElse(-1);
        double hwm = Machine.hwmMb(pid);
        List<ProcessHandle> after = runtimes(pid);
        double allEnvs = after.stream().mapToDouble(p -> Machine.rssMb(p.pid())).sum();

        report.section("6. Footprint: resident memory",
            "The local cloud in a JVM of its own (JDK " + Runtime.version().feature() + ", default heap settings, "
                + Runtime.getRuntime().availableProcessors() + " cores), VmRSS / VmHWM from /proc. Environments are"
                + " the runtime processes the local cloud starts (Java: a JVM with Lambda's flags and the function's"
                + " 512 MB memory size; Python: the interpreter with the bootstrap).");
        t = report.table("what", "resident memory");
        t.row("local cloud, idle after start", Machine.mb(idle));
        t.row("local cloud, after creating 2 stacks and deploying the Java code", Machine.mb(deployed));
        t.row("local cloud, after 200 warm invocations of each function (1 caller)", Machine.mb(oneCallerCloud));
        t.row("local cloud under load (4 callers, " + InvokeBenchmarks.perSecond(load.perSecond())
            + " invocations/s), max sampled VmRSS", Machine.mb(loaded));
        t.row("local cloud, peak since start (VmHWM)", Machine.mb(hwm));
        t.row("one warm Java environment (QuoteHandler, java21)", Machine.mb(javaEnv));
        t.row("one warm Python environment (stub)", Machine.mb(pythonEnv));
        t.row(after.size() + " environments after the load, together", Machine.mb(allEnvs));
        t.end();
      }
    } finally {
      cloud.getOutputStream().close();
      if (!cloud.waitFor(20, TimeUnit.SECONDS)) {
        cloud.destroyForcibly();
      }
    }
  }

  /** The runtime processes under the cloud: java or python, not the guard shells around them. */
  private static List<ProcessHandle> runtimes(long pid) {
    return ProcessHandle.of(pid).map(p -> p.descendants().filter(d -> {
      String c = command(d);
      return c.endsWith("java") || c.contains("python");
    }).toList()).orElse(List.of());
  }

  private static String command(ProcessHandle p) {
    Optional<String> c = p.info().command();
    return c.orElse("");
  }
}
