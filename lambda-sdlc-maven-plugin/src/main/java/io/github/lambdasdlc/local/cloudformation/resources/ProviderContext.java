package io.github.lambdasdlc.local.cloudformation.resources;

import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.httpfront.HttpApis;
import io.github.lambdasdlc.local.lambda.FunctionsApi;
import java.time.Duration;
import java.util.function.BiPredicate;

/**
 * What a provider may use for one resource of one stack operation.
 *
 * @param physicalIdTaken whether another resource of a type already has a physical id (for the
 *     locally kept types, whose names are unique per account and region as on AWS)
 * @param customResources where custom resources' providers answer
 * @param httpApis the cloud's HTTP APIs (API Gateway v2), or null when it serves none
 */
public record ProviderContext(LocalContext cloud, FunctionsApi lambda, String stackName, String stackId,
    String logicalId, BiPredicate<String, String> physicalIdTaken, CustomResourceChannel customResources,
    HttpApis httpApis) {

  /** The HTTP APIs, or a failure that says this cloud serves none. */
  public HttpApis requireHttpApis() {
    if (httpApis == null) {
      throw ResourceFailure.handler("This local cloud serves no HTTP APIs (it runs without its HTTP front).",
          "InvalidRequest");
    }
    return httpApis;
  }

  /** How often to look again at something asynchronous, such as a Lambda function's state. */
  public Duration pollInterval() {
    long ms = cloud.config().lambdaUpdateDelay().toMillis() / 4;
    return Duration.ofMillis(Math.max(10, Math.min(ms, 1000)));
  }

  /** A name CloudFormation would generate: {@code <stack>-<logicalId>-<13 random>} within {@code maxLength}. */
  public String generatedName(int maxLength) {
    return PhysicalNames.generate(stackName, logicalId, maxLength);
  }
}
