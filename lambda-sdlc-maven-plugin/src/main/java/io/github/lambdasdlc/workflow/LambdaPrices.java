package io.github.lambdasdlc.workflow;

/**
 * What Lambda charges for on-demand invocations: a price per request and one per GB-second of billed
 * duration for each architecture (the first tier of AWS's tiered duration prices; provisioned concurrency,
 * ephemeral storage beyond 512 MB and data transfer are not counted).
 *
 * @param requestsPerMillion US dollars per million requests
 * @param x86GbSecond US dollars per GB-second on x86_64
 * @param arm64GbSecond US dollars per GB-second on arm64
 */
public record LambdaPrices(double requestsPerMillion, double x86GbSecond, double arm64GbSecond) {

  /** The day the {@linkplain #AWS_US_EAST_1 defaults} were checked against AWS's pricing page. */
  public static final String AS_OF = "2026-11-29";

  /**
   * AWS's published us-east-1 prices as of {@value #AS_OF} (unchanged since arm64 functions arrived in
   * September 2021): $0.20 per million requests, $0.0000166667 per GB-second on x86_64 and $0.0000133334 on
   * arm64.
   */
  public static final LambdaPrices AWS_US_EAST_1 = new LambdaPrices(0.20, 0.0000166667, 0.0000133334);

  /** The mojos' defaults, as text for {@code @Parameter(defaultValue = ...)}. */
  public static final String DEFAULT_REQUESTS_PER_MILLION = "0.20";
  public static final String DEFAULT_X86_GB_SECOND = "0.0000166667";
  public static final String DEFAULT_ARM64_GB_SECOND = "0.0000133334";

  /**
   * Prices as settings give them.
   *
   * @throws WorkflowException naming the setting when a price is negative or not a number
   */
  public static LambdaPrices of(double requestsPerMillion, double x86GbSecond, double arm64GbSecond) {
    check(requestsPerMillion, "lambda-sdlc.requestPrice", DEFAULT_REQUESTS_PER_MILLION);
    check(x86GbSecond, "lambda-sdlc.x86GbSecondPrice", DEFAULT_X86_GB_SECOND);
    check(arm64GbSecond, "lambda-sdlc.arm64GbSecondPrice", DEFAULT_ARM64_GB_SECOND);
    return new LambdaPrices(requestsPerMillion, x86GbSecond, arm64GbSecond);
  }

  private static void check(double price, String setting, String awsDefault) {
    if (Double.isNaN(price) || Double.isInfinite(price) || price < 0) {
      throw WorkflowException.userError(setting + " is " + price + ". Give a price in US dollars of zero or more;"
          + " AWS's us-east-1 price of " + AS_OF + " is " + awsDefault + ".");
    }
  }

  /** Whether these are AWS's us-east-1 prices, as the summaries say. */
  public boolean areAwsDefaults() {
    return equals(AWS_US_EAST_1);
  }

  /** The price per GB-second for an architecture ({@code arm64}, else x86_64, Lambda's default). */
  public double gbSecond(String architecture) {
    return "arm64".equals(architecture) ? arm64GbSecond : x86GbSecond;
  }

  /**
   * US dollars for a million invocations that each bill {@code billedMs} at {@code memoryMb}: the requests
   * plus the GB-seconds (memory in GB, 1,024 MB each, times the billed seconds).
   */
  public double perMillion(long billedMs, int memoryMb, String architecture) {
    double gbSeconds = memoryMb / 1024.0 * billedMs / 1000.0;
    return requestsPerMillion + 1_000_000 * gbSeconds * gbSecond(architecture);
  }
}
