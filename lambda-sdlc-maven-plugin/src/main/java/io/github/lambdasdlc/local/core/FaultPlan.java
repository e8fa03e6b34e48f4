package io.github.lambdasdlc.local.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which requests a {@link io.github.lambdasdlc.local.LocalCloud} fails on purpose, so that clients' retries
 * and error handling can be tested against the failures AWS has: throttling, 500 and 503 errors, slow
 * answers and connections broken mid-response. A plan is a list of rules; each request is offered to
 * the rules in order, and the first rule that applies to its operation and fires (with its probability,
 * drawn from a {@link java.util.Random} seeded with {@link #seed()}) decides its fault. The same plan
 * and the same sequence of requests give the same faults.
 *
 * <p>Operations are named {@code <signing name>:<operation>}, as in IAM policies:
 * {@code cloudformation:DescribeStacks}, {@code lambda:UpdateFunctionCode}.
 *
 * <pre>{@code
 * FaultPlan plan = FaultPlan.builder()
 *     .seed(7)
 *     .randomly(0.3, FaultKind.THROTTLING, FaultKind.INTERNAL_ERROR, FaultKind.SERVICE_UNAVAILABLE)
 *     .always("lambda:UpdateFunctionCode", FaultKind.THROTTLING)
 *     .build();
 * }</pre>
 */
public final class FaultPlan {
  private static final FaultPlan NONE = new Builder().build();

  /** One rule: the operations it applies to (empty: all), the chance it fires, and the faults it picks from. */
  public record Rule(Set<String> operations, double probability, List<FaultKind> kinds) {
    public Rule {
      operations = Set.copyOf(operations);
      kinds = List.copyOf(kinds);
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("A fault probability is between 0 and 1, not " + probability);
      }
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("A fault rule needs at least one fault kind");
      }
      for (String op : operations) {
        if (!op.matches("[a-z0-9-]+:[A-Za-z0-9]+")) {
          throw new IllegalArgumentException("Name operations as service:Operation, such as"
              + " cloudformation:DescribeStacks, not '" + op + "'");
        }
      }
    }

    /** Whether the rule applies to an operation (null when the request names none the service knows). */
    public boolean appliesTo(String operation) {
      return operations.isEmpty() || (operation != null && operations.contains(operation));
    }
  }

  private final long seed;
  private final List<Rule> rules;
  private final Duration latency;
  private final int maxConsecutive;

  private FaultPlan(Builder b) {
    this.seed = b.seed;
    this.rules = List.copyOf(b.rules);
    this.latency = b.latency;
    this.maxConsecutive = b.maxConsecutive;
  }

  /** No faults: every request is served as it comes. */
  public static FaultPlan none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public long seed() {
    return seed;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** How long a {@link FaultKind#LATENCY} fault holds a request. */
  public Duration latency() {
    return latency;
  }

  /** At most this many faults in a row for one operation; {@link Integer#MAX_VALUE} when unbounded. */
  public int maxConsecutive() {
    return maxConsecutive;
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  @Override
  public String toString() {
    return "FaultPlan[seed=" + seed + ", rules=" + rules + ", latency=" + latency
        + (maxConsecutive == Integer.MAX_VALUE ? "" : ", maxConsecutive=" + maxConsecutive) + "]";
  }

  /** Builds a {@link FaultPlan}. */
  public static final class Builder {
    private long seed = 1;
    private final List<Rule> rules = new ArrayList<>();
    private Duration latency = Duration.ofMillis(500);
    private int maxConsecutive = Integer.MAX_VALUE;

    private Builder() {
    }

    /** The seed of the random draws (default 1): the same seed gives the same faults for the same requests. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Fails this fraction of all requests, each with one of {@code kinds} picked at random. */
    public Builder randomly(double fraction, FaultKind... kinds) {
      return rule(new Rule(Set.of(), fraction, List.of(kinds)));
    }

    /** Fails this fraction of the named operations' requests, each with one of {@code kinds}. */
    public Builder randomly(double fraction, Collection<String> operations, FaultKind... kinds) {
      Objects.requireNonNull(operations);
      if (operations.isEmpty()) {
        throw new IllegalArgumentException("Name at least one operation, or use randomly(fraction, kinds)");
      }
      return rule(new Rule(Set.copyOf(operations), fraction, List.of(kinds)));
    }

    /** Fails every request of one operation (such as {@code lambda:UpdateFunctionCode}) with {@code kind}. */
    public Builder always(String operation, FaultKind kind) {
      return rule(new Rule(Set.of(operation), 1.0, List.of(kind)));
    }

    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule));
      return this;
    }

    /** How long {@link FaultKind#LATENCY} holds a request (default 500 ms). */
    public Builder latency(Duration latency) {
      if (latency.isNegative()) {
        throw new IllegalArgumentException("A latency cannot be negative: " + latency);
      }
      this.latency = latency;
      return this;
    }

    /**
     * Lets at most {@code n} requests of one operation in a row be failed; the next one is served. With
     * {@code n} below a client's number of attempts, its retries always get through, so a test's outcome
     * does not depend on how the random draws fall (default: no bound).
     */
    public Builder maxConsecutive(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxConsecutive must be at least 1, not " + n);
      }
      this.maxConsecutive = n;
      return this;
    }

    public FaultPlan build() {
      return new FaultPlan(this);
    }
  }
}
