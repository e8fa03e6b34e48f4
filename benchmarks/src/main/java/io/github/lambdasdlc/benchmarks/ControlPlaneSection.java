package io.github.lambdasdlc.benchmarks;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import io.github.lambdasdlc.workflow.StackTemplate;

/**
 * Item 5: how long the control plane's asynchronous work takes: CreateStack of the built-in template to
 * CREATE_COMPLETE, and UpdateFunctionCode to LastUpdateStatus Successful, with the local cloud's default
 * delays and with them set to zero. Polled every 2 ms, so the figures are within ~2 ms of the transition.
 */
final class ControlPlaneSection {
  private static final long POLL_MILLIS = 2;

  private ControlPlaneSection() {
  }

  static void run(Settings settings, Report report) throws Exception {
    LocalCloudConfig defaults = LocalCloudConfig.builder(settings.work()).build();
    report.section("5. Control plane: stack creation and code updates",
        "Client side, from the call to the first poll (every " + POLL_MILLIS + " ms) that sees the end state."
            + " Default delays: a stack step waits " + defaults.stackStepDelay().toMillis() + " ms, a function stays"
            + " Pending/InProgress " + defaults.lambdaUpdateDelay().toMillis() + " ms (AWS takes about a second);"
            + " zero: both delays 0, what the local cloud's own work costs.");
    Report.Table t = report.table("operation", "delays", "n", "p50 ms", "p90 ms", "p99 ms", "max ms");
    for (boolean zero : new boolean[] {false, true}) {
      try (LocalCloud cloud = BenchmarkSuite.cloud(settings, "control-" + (zero ? "zero" : "default"),
          b -> zero ? b.stackStepDelay(Duration.ZERO).lambdaUpdateDelay(Duration.ZERO) : b);
          Sdk sdk = new Sdk(cloud.endpoint())) {
        String body = StackTemplate.builtIn().body();
        int n = settings.samples(15, 2);
        Deployment.createStubStack(sdk, "warmup"); // class loading and JIT of the first request are not the point
        List<Double> create = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          String name = "stack-" + i;
          long t0 = System.nanoTime();
          sdk.cloudFormation.createStack(b -> b.stackName(name).templateBody(body).capabilities(Capability.CAPABILITY_IAM));
          Deployment.awaitStack(sdk, name, POLL_MILLIS);
          create.add((System.nanoTime() - t0) / 1e6);
        }
        List<Double> update = new ArrayList<>();
        for (int i = 0; i < n + 5; i++) {
          byte[] zip = FunctionCode.pythonZip(i);
          long t0 = System.nanoTime();
          sdk.lambda.updateFunctionCode(b -> b.functionName("warmup").zipFile(SdkBytes.fromByteArray(zip)));
          Deployment.awaitUpdated(sdk, "warmup", POLL_MILLIS);
          if (i >= 5) {
            update.add((System.nanoTime() - t0) / 1e6);
          }
        }
        String delays = zero ? "zero" : "default";
        row(t, "CreateStack → CREATE_COMPLETE (built-in template, 3 resources)", delays, Stats.of(create));
        row(t, "UpdateFunctionCode → LastUpdateStatus Successful", delays, Stats.of(update));
      }
    }
    t.end();
  }

  private static void row(Report.Table t, String op, String delays, Stats s) {
    t.row(op, delays, s.n(), Stats.ms(s.p50()), Stats.ms(s.p90()), Stats.ms(s.p99()), Stats.ms(s.max()));
  }
}
