package io.github.lambdasdlc.local.http;

import io.github.lambdasdlc.local.core.FaultKind;
import io.github.lambdasdlc.local.core.FaultPlan;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Applies a {@link FaultPlan} around the routing of requests to services: it picks the fault of each
 * request, answers the error kinds in the service's own protocol shape ({@link Service#faultResponse})
 * without running the operation, delays {@link FaultKind#LATENCY} requests and marks
 * dropped responses so that the server breaks their connection after the
 * operation ran. Draws are serialised so that a plan's seed gives a reproducible sequence of faults.
 */
final class FaultInjector {
  /** A service's answer and how to break the connection while sending it (null: send it whole). */
  record Outcome(HttpResponse response, FaultKind drop) {
    static Outcome normal(HttpResponse response) {
      return new Outcome(response, null);
    }
  }

  private final FaultPlan plan;
  private final Random random;
  private final Map<String, Integer> consecutive = new HashMap<>();
  private final Map<FaultKind, Long> injected = new EnumMap<>(FaultKind.class);

  FaultInjector(FaultPlan plan) {
    this.plan = plan;
    this.random = new Random(plan.seed());
  }

  /** Serves a request through {@code handler}, or fails it as the plan says. */
  Outcome apply(Service service, HttpRequest request, Function<HttpRequest, HttpResponse> handler) {
    if (plan.isEmpty()) {
      return Outcome.normal(handler.apply(request));
    }
    String operation = operationOf(service, request);
    FaultKind fault = decide(operation);
    if (fault == null) {
      return Outcome.normal(handler.apply(request));
    }
    switch (fault) {
      case LATENCY -> {
        sleep();
        return Outcome.normal(handler.apply(request));
      }
      case DROP_BEFORE_RESPONSE, DROP_MID_RESPONSE -> {
        return new Outcome(handler.apply(request), fault);
      }
      default -> {
        return Outcome.normal(service.faultResponse(fault));
      }
    }
  }

  private static String operationOf(Service service, HttpRequest request) {
    String op;
    try {
      op = service.operationName(request);
    } catch (RuntimeException e) {
      // A request too malformed to name its operation is still a request: only "all operations" rules see it.
      op = null;
    }
    return op == null ? null : service.signingName() + ":" + op;
  }

  private synchronized FaultKind decide(String operation) {
    String key = operation == null ? "" : operation;
    for (FaultPlan.Rule rule : plan.rules()) {
      if (!rule.appliesTo(operation)) {
        continue;
      }
      boolean fires = rule.probability() >= 1.0 || random.nextDouble() < rule.probability();
      if (!fires) {
        continue;
      }
      FaultKind kind = rule.kinds().get(rule.kinds().size() == 1 ? 0 : random.nextInt(rule.kinds().size()));
      int run = consecutive.getOrDefault(key, 0);
      if (run >= plan.maxConsecutive()) {
        break;
      }
      consecutive.put(key, run + 1);
      injected.merge(kind, 1L, Long::sum);
      return kind;
    }
    consecutive.remove(key);
    return null;
  }

  /** How many faults of each kind were injected so far. */
  synchronized Map<FaultKind, Long> injected() {
    return Map.copyOf(injected);
  }

  private void sleep() {
    try {
      Thread.sleep(plan.latency().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
