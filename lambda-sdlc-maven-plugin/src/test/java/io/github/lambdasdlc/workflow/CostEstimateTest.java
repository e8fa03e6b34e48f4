package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic and wording of the cost summaries, from REPORT lines. */
class CostEstimateTest {

  private static ReportLine report(long billedMs, int usedMb, boolean cold) {
    return ReportLine.parse("REPORT RequestId: x\tDuration: " + billedMs + ".00 ms\tBilled Duration: " + billedMs
        + " ms\tMemory Size: 512 MB\tMax Memory Used: " + usedMb + " MB\t" + (cold ? "Init Duration: 400.00 ms\t" : ""));
  }

  @Test
  void aMillionInvocationsCostTheRequestsPlusTheGigabyteSeconds() {
    // 1,000,000 x 0.5 GB x 0.1 s = 50,000 GB-s; x86: 50,000 x 0.0000166667 + 0.20 = 1.033335.
    assertThat(LambdaPrices.AWS_US_EAST_1.perMillion(100, 512, "x86_64")).isCloseTo(1.033335, within(1e-9));
    assertThat(LambdaPrices.AWS_US_EAST_1.perMillion(100, 512, "arm64")).isCloseTo(0.86667, within(1e-9));
    assertThat(LambdaPrices.AWS_US_EAST_1.perMillion(100, 512, null)).isCloseTo(1.033335, within(1e-9));
  }

  @Test
  void theSuiteIsPricedAtItsMedianBilledDurationColdStartsIncludedInTheMax() {
    CostEstimate estimate = new CostEstimate(LambdaPrices.AWS_US_EAST_1, 512, "arm64");
    CostEstimate.Figures f = estimate.figures(List.of(report(1300, 95, true), report(4, 88, false),
        report(6, 90, false), report(3, 91, false)));
    assertThat(f.invocations()).isEqualTo(4);
    assertThat(f.p50BilledMs()).isEqualTo(4);
    assertThat(f.maxBilledMs()).isEqualTo(1300);
    assertThat(f.maxMemoryUsedMb()).isEqualTo(95);
    assertThat(f.coldStarts()).isEqualTo(1);
    assertThat(f.perMillionUsd()).isCloseTo(0.20 + 1e6 * 0.5 * 0.004 * 0.0000133334, within(1e-9));
    assertThat(CostEstimate.group(f)).isEqualTo("4 invocations: billed p50 4 ms, max 1300 ms (1 cold start, init"
        + " included), at most 95 of 512 MB used, $0.23 per million at p50");
    assertThat(CostEstimate.single(estimate.figures(List.of(report(1300, 95, true)))))
        .isEqualTo("billed 1300 ms (cold start, init included), 95 of 512 MB used, $8.87 per million");
  }

  @Test
  void memoryFarBelowTheConfiguredSizeGetsASmallerSizeAndTheWarningThatCpuScalesWithIt() {
    CostEstimate estimate = new CostEstimate(LambdaPrices.AWS_US_EAST_1, 512, "x86_64");
    CostEstimate.Figures f = estimate.figures(List.of(report(100, 95, false)));
    CostEstimate.SmallerSize smaller = estimate.smallerSize(f);
    assertThat(smaller.memoryMb()).isEqualTo(192);
    assertThat(smaller.perMillionUsd()).isLessThan(f.perMillionUsd());
    assertThat(estimate.advice(f)).contains("at most 95 of 512 MB used").contains("At 192 MB")
        .contains("$0.51 per million instead of $1.03").contains("CPU scales with memory on AWS")
        .contains("measure on AWS");
    // Half or more used: no advice; the smallest size is 128 MB.
    assertThat(estimate.advice(estimate.figures(List.of(report(100, 300, false))))).isNull();
    assertThat(new CostEstimate(LambdaPrices.AWS_US_EAST_1, 256, null).smallerSize(
        new CostEstimate(LambdaPrices.AWS_US_EAST_1, 256, null).figures(List.of(report(10, 40, false)))).memoryMb())
        .isEqualTo(128);
    assertThat(new CostEstimate(LambdaPrices.AWS_US_EAST_1, 128, null).advice(
        new CostEstimate(LambdaPrices.AWS_US_EAST_1, 128, null).figures(List.of(report(10, 40, false))))).isNull();
  }

  @Test
  void theHeaderNamesThePricesAndTheirDate() {
    assertThat(new CostEstimate(LambdaPrices.AWS_US_EAST_1, 512, "arm64").header("x"))
        .isEqualTo("Cost of x at AWS's us-east-1 prices of " + LambdaPrices.AS_OF + ": arm64, 512 MB; $0.20 per million"
            + " requests + $0.0000133334 per GB-second (an estimate, not a bill):");
    assertThat(new CostEstimate(LambdaPrices.of(0.25, 0.00002, 0.000016), 512, null).header("x"))
        .contains("the configured prices").contains("$0.25 per million requests + $0.00002 per GB-second");
  }

  @Test
  void noReportLineNoFiguresAndANegativePriceNamesItsSetting() {
    assertThat(new CostEstimate(LambdaPrices.AWS_US_EAST_1, 512, null).figures(List.of())).isNull();
    assertThat(CostEstimate.single(null)).isEqualTo("no REPORT line, no estimate");
    assertThatThrownBy(() -> LambdaPrices.of(0.2, -1, 0.1)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("lambda-sdlc.x86GbSecondPrice is -1.0").hasMessageContaining("0.0000166667");
  }
}
