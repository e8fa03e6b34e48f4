package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.CodePush;
import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.StackFunction;
import io.github.lambdasdlc.workflow.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Item 3: what deploy costs, in the workflow (SDK interceptor) and as real {@code mvn} processes. */
final class DeploySections {
  private DeploySections() {
  }

  /** The deploy step in this process: calls, bytes and time with the code unchanged and changed. */
  static void inProcess(Settings settings, Report report) throws Exception {
    FunctionCode code = FunctionCode.compile(settings.repoRoot().resolve("example-function/src/main/java"),
        settings.work().resolve("deploy-example"));
    try (LocalCloud cloud = BenchmarkSuite.cloud(settings, "deploy-cloud", b -> b);
        Sdk sdk = new Sdk(cloud.endpoint())) {
      String stack = Deployment.createStubStack(sdk, "bench-deploy");
      DeploymentZip.Result zip = code.javaZip();
      Deployment.flipToJava(cloud.endpoint(), stack, "java21", zip);
      Target target = Target.endpoint(cloud.endpoint(), "us-east-1");
      CallCounter counter = new CallCounter();

      record Run(List<String> calls, long zipBytes, long bodyBytes, double millis, boolean upToDate) {
      }
      List<Run> unchanged = new ArrayList<>();
      List<Run> changed = new ArrayList<>();
      List<Run> resolved = new ArrayList<>();
      int n = settings.samples(15, 2);
      for (int i = 0; i < n; i++) {
        for (int kind : new int[] {0, 2, 1}) { // unchanged, unchanged resolving the function, then changed
          DeploymentZip.Result push = kind == 1 ? code.changedJavaZip() : zip;
          counter.reset();
          long t0 = System.nanoTime();
          boolean upToDate;
          // As a mvn run does: new clients for each goal (their creation is part of the cost).
          try (AwsClients clients = AwsClients.connect(target, List.of(counter))) {
            String function = kind == 2 ? StackFunction.resolve(clients, stack, null).functionName() : stack;
            upToDate = new CodePush(clients, Deployment.QUIET).push(new CodePush.Request(function, push, false, null))
                .upToDate();
          }
          double millis = (System.nanoTime() - t0) / 1e6;
          Run run = new Run(counter.calls(), counter.zipBytes(), counter.bodyBytes(), millis, upToDate);
          (kind == 0 ? unchanged : kind == 1 ? changed : resolved).add(run);
        }
        // Back to the reference code for the next round's unchanged push.
        try (AwsClients clients = AwsClients.connect(target)) {
          new CodePush(clients, Deployment.QUIET).push(new CodePush.Request(stack, zip, false, null));
        }
      }
      report.section("3. Deploy cost: the deploy step (workflow CodePush, in process)",
          "CodePush as the deploy goal runs it, on a local cloud with its default delays (UpdateFunctionCode stays"
              + " InProgress " + cloud.config().lambdaUpdateDelay().toMillis() + " ms, as AWS's ~1 s update), counted"
              + " with an SDK ExecutionInterceptor on the workflow's AwsClients (each HTTP attempt). *Function known*:"
              + " the name came from init in the same build; *resolved from the stack*: `mvn lambda-sdlc:deploy` alone,"
              + " which first finds the stack's function. Time includes creating the SDK clients. Target with"
              + " unchanged code: 0 bytes, ≤ 2 calls.");
      Report.Table t = report.table("case", "n", "API calls", "zip bytes uploaded", "request bytes sent",
          "time p50 (p90) ms");
      addRow(t, "unchanged code, function known", unchanged.stream().map(r -> r.calls).toList(),
          unchanged.stream().mapToLong(r -> r.zipBytes).max().orElse(0),
          unchanged.stream().mapToLong(r -> r.bodyBytes).max().orElse(0), Stats.of(unchanged.stream().map(r -> r.millis).toList()),
          unchanged.stream().allMatch(r -> r.upToDate));
      addRow(t, "unchanged code, resolved from the stack", resolved.stream().map(r -> r.calls).toList(),
          resolved.stream().mapToLong(r -> r.zipBytes).max().orElse(0),
          resolved.stream().mapToLong(r -> r.bodyBytes).max().orElse(0), Stats.of(resolved.stream().map(r -> r.millis).toList()),
          resolved.stream().allMatch(r -> r.upToDate));
      addRow(t, "changed code, function known", changed.stream().map(r -> r.calls).toList(),
          changed.stream().mapToLong(r -> r.zipBytes).max().orElse(0),
          changed.stream().mapToLong(r -> r.bodyBytes).max().orElse(0), Stats.of(changed.stream().map(r -> r.millis).toList()),
          changed.stream().noneMatch(r -> r.upToDate));
      t.end();
      report.paragraph("Calls made, by case (one run): unchanged/known: " + describe(unchanged.get(0).calls)
          + "; unchanged/resolved: " + describe(resolved.get(0).calls) + "; changed/known: " + describe(changed.get(0).calls)
          + ". The changed code's zip has " + changed.get(0).zipBytes + " bytes; the waits for LastUpdateStatus poll"
          + " GetFunctionConfiguration every 50 ms, so their number follows the update delay.");
    }
  }

  private static void addRow(Report.Table t, String label, List<List<String>> calls, long zip, long body, Stats time,
      boolean expectedOutcome) {
    if (!expectedOutcome) {
      throw new IllegalStateException("Deploy case '" + label + "' did not upload (or skip) as expected");
    }
    int min = calls.stream().mapToInt(List::size).min().orElse(0);
    int max = calls.stream().mapToInt(List::size).max().orElse(0);
    t.row(label, calls.size(), min == max ? Integer.toString(min) : min + "–" + max, zip, body, InvokeSections.pair(time));
  }

  static String describe(List<String> calls) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    calls.forEach(c -> counts.merge(c, 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(k + (v > 1 ? " ×" + v : "")));
    return calls.size() + " (" + String.join(", ", parts) + ")";
  }

  static void mavenProcesses(Settings settings, Report report) throws Exception {
    MavenRuns.run(settings, report);
  }

  static Map<String, Integer> tally(List<String> calls) {
    Map<String, Integer> m = new TreeMap<>();
    calls.forEach(c -> m.merge(c, 1, Integer::sum));
    return m;
  }
}
