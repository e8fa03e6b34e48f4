package io.github.lambdasdlc.local.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultInjectorTest {
  /** A service whose operation is the request's path, answering 200 "served". */
  private static final Service ECHO = new Service() {
    @Override
    public String signingName() {
      return "echo";
    }

    @Override
    public boolean claims(HttpRequest request) {
      return true;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return HttpResponse.text(200, "text/plain", "served");
    }

    @Override
    public String operationName(HttpRequest request) {
      return request.path().substring(1);
    }
  };

  private static HttpRequest request(String operation) {
    return new HttpRequest("POST", "/" + operation, null, Map.of(), new byte[0]);
  }

  private static List<String> run(FaultPlan plan, int n) {
    FaultInjector injector = new FaultInjector(plan);
    List<String> outcomes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      FaultInjector.Outcome o = injector.apply(ECHO, request(i % 2 == 0 ? "Read" : "Write"), ECHO::handle);
      outcomes.add(o.drop() != null ? o.drop().name() : String.valueOf(o.response().status()));
    }
    return outcomes;
  }

  @Test
  void theSameSeedGivesTheSameFaults() {
    FaultPlan plan = FaultPlan.builder().seed(42).randomly(0.3, FaultKind.values()).latency(java.time.Duration.ZERO)
        .build();
    List<String> first = run(plan, 400);
    assertThat(run(plan, 400)).isEqualTo(first);
    assertThat(run(FaultPlan.builder().seed(43).randomly(0.3, FaultKind.values())
        .latency(java.time.Duration.ZERO).build(), 400)).isNotEqualTo(first);
    long failed = first.stream().filter(s -> !s.equals("200")).count();
    // 30% of 400 with LATENCY served normally: about 0.3 * 5/6 * 400 = 100 visible faults.
    assertThat(failed).isBetween(60L, 140L);
  }

  @Test
  void namedOperationsOnlyAndErrorsInTheServicesShape() {
    FaultInjector injector = new FaultInjector(FaultPlan.builder().always("echo:Write", FaultKind.THROTTLING).build());
    assertThat(injector.apply(ECHO, request("Read"), ECHO::handle).response().status()).isEqualTo(200);
    HttpResponse throttled = injector.apply(ECHO, request("Write"), ECHO::handle).response();
    assertThat(throttled.status()).isEqualTo(400);
    assertThat(throttled.headers()).containsEntry("x-amzn-ErrorType", "ThrottlingException");
    assertThat(injector.injected()).containsEntry(FaultKind.THROTTLING, 1L);
  }

  @Test
  void maxConsecutiveLetsEveryThirdAttemptThrough() {
    List<String> outcomes = new ArrayList<>();
    FaultInjector injector = new FaultInjector(FaultPlan.builder().always("echo:Write", FaultKind.INTERNAL_ERROR)
        .maxConsecutive(2).build());
    for (int i = 0; i < 6; i++) {
      outcomes.add(String.valueOf(injector.apply(ECHO, request("Write"), ECHO::handle).response().status()));
    }
    assertThat(outcomes).containsExactly("500", "500", "200", "500", "500", "200");
  }

  @Test
  void badPlansAreRefused() {
    assertThatThrownBy(() -> FaultPlan.builder().randomly(1.5, FaultKind.THROTTLING))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 0 and 1");
    assertThatThrownBy(() -> FaultPlan.builder().always("DescribeStacks", FaultKind.THROTTLING))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("service:Operation");
    assertThatThrownBy(() -> FaultPlan.builder().randomly(0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one fault kind");
  }
}
