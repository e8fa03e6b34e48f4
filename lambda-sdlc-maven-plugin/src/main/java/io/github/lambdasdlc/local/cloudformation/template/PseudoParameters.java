package io.github.lambdasdlc.local.cloudformation.template;

/** The values of AWS::Region, AWS::AccountId, AWS::StackName, AWS::StackId, AWS::Partition and AWS::URLSuffix. */
public record PseudoParameters(String region, String accountId, String stackName, String stackId, String partition,
    String urlSuffix) {

  public static PseudoParameters of(String region, String accountId, String stackName, String stackId) {
    return new PseudoParameters(region, accountId, stackName, stackId, "aws", "amazonaws.com");
  }
}
