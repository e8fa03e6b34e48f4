package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost summaries on the local cloud: integration-test's, from the log tails of its invocations, and
 * status's, from the REPORT lines of the function's log group.
 */
class CostSummaryWorkflowTest {
  @TempDir
  Path dir;
  WorkflowTestSupport local;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() {
    local = new WorkflowTestSupport(dir);
  }

  @AfterEach
  void stop() {
    local.close();
  }

  @Test
  void theSuiteEndsWithWhatEachCaseAndTheSuiteCostAndStatusSaysTheSameFromTheLogs() throws Exception {
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("my-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    new FunctionPreparation(local.clients, local.events).prepare(new FunctionPreparation.Request(stack.functionName(),
        "java21", JavaHandler.parse(WorkflowTestSupport.GREETING, "h"), 2048, 30, null, null, null));
    Path events = Files.createDirectories(dir.resolve("events"));
    Files.writeString(events.resolve("greets-ada.json"), "{\"event\": {\"name\": \"Ada\"}}");
    Files.writeString(events.resolve("greets-bob.json"), "{\"event\": {\"name\": \"Bob\"}}");
    Files.writeString(events.resolve("greets-cy.json"), "{\"event\": {\"name\": \"Cy\"}}");

    local.events.clear();
    EventCaseSuite.Result result = new EventCaseSuite(local.clients, local.events, json).run(new EventCaseSuite.Request(
        stack.functionName(), WorkflowTestSupport.fixturePackage(dir, "one"), true,
        EventCaseSuite.load(events, json, local.events), dir.resolve("reports"), "s", LambdaPrices.AWS_US_EAST_1));

    CostEstimate.Figures cost = result.cost();
    assertThat(cost.invocations()).isEqualTo(3);
    assertThat(cost.coldStarts()).isEqualTo(1);
    assertThat(cost.memorySizeMb()).isEqualTo(2048);
    assertThat(cost.architecture()).isEqualTo("x86_64");
    List<Long> billed = result.results().stream().map(r -> r.report().billedMs()).sorted().toList();
    assertThat(cost.p50BilledMs()).isEqualTo(billed.get(1));
    assertThat(cost.maxBilledMs()).isEqualTo(billed.get(2));
    assertThat(cost.perMillionUsd()).isEqualTo(LambdaPrices.AWS_US_EAST_1.perMillion(billed.get(1), 2048, "x86_64"));
    String text = local.events.text();
    assertThat(text).contains("INFO Cost of these invocations at AWS's us-east-1 prices of " + LambdaPrices.AS_OF
        + ": x86_64, 2048 MB; $0.20 per million requests + $0.0000166667 per GB-second");
    assertThat(text).containsPattern("INFO   greets-ada  billed \\d+ ms \\(cold start, init included\\), \\d+ of 2048 MB"
        + " used, \\$[0-9.,]+ per million");
    assertThat(text).containsPattern("INFO   greets-bob  billed \\d+ ms, \\d+ of 2048 MB used");
    assertThat(text).contains("INFO   suite       3 invocations: billed p50 " + cost.p50BilledMs() + " ms, max "
        + cost.maxBilledMs() + " ms (1 cold start, init included), at most " + cost.maxMemoryUsedMb() + " of 2048 MB");
    // A child JVM with a tiny handler uses far less than 2 GB: a smaller size, and why to measure on AWS first.
    assertThat(text).containsPattern("INFO Memory: at most \\d+ of 2048 MB used\\. At \\d+ MB the same billed durations"
        + " would cost");
    assertThat(text).contains("CPU scales with memory on AWS").contains("measured on " + local.cloud.endpoint()
        + ", not on AWS");

    // status: the same figures, read back from the REPORT lines of the log group.
    local.events.clear();
    CostEstimate.Figures fromLogs = new RecentInvocations(local.clients, local.events).report(
        local.clients.lambda().getFunctionConfiguration(b -> b.functionName(stack.functionName())),
        LambdaPrices.AWS_US_EAST_1, Instant.now());
    assertThat(fromLogs).isEqualTo(cost);
    assertThat(local.events.text()).contains("Cost of the last invocations in log group /aws/lambda/"
        + stack.functionName()).contains("3 invocations: billed p50");
  }

  @Test
  void statusWithoutInvocationsSaysThereIsNothingToPrice() {
    StackConvergence.Result stack = new StackConvergence(local.clients, local.events).converge(
        new StackConvergence.Request("my-app", StackTemplate.builtIn(), Map.of(), Map.of(), false, null));
    local.events.clear();
    assertThat(new RecentInvocations(local.clients, local.events).report(
        local.clients.lambda().getFunctionConfiguration(b -> b.functionName(stack.functionName())),
        LambdaPrices.AWS_US_EAST_1, Instant.now())).isNull();
    assertThat(local.events.text()).contains("Cost: no invocations to price");
  }
}
