package io.github.lambdasdlc.local.cloudformation.resources;

import java.security.SecureRandom;

/**
 * The names CloudFormation gives resources whose template names none: the stack name, the logical id
 * and a random suffix of 13 upper-case letters and digits, joined by hyphens. When that is too long
 * for the resource type, the stack name and the logical id are shortened to share what is left (seen
 * on AWS as {@code mylongerapp-playground-ne-InstancesLifecycleHandle-1GRP3N0TVA1LD} for 64).
 */
public final class PhysicalNames {
  static final int SUFFIX_LENGTH = 13;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PhysicalNames() {
  }

  public static String generate(String stackName, String logicalId, int maxLength) {
    return join(stackName, logicalId, randomSuffix(SUFFIX_LENGTH), maxLength);
  }

  static String join(String stackName, String logicalId, String suffix, int maxLength) {
    int budget = maxLength - suffix.length() - 2;
    String stack = stackName;
    String logical = logicalId;
    if (stack.length() + logical.length() > budget) {
      int half = budget / 2;
      if (logical.length() <= half) {
        stack = stack.substring(0, budget - logical.length());
      } else if (stack.length() <= budget - half) {
        logical = logical.substring(0, budget - stack.length());
      } else {
        // The stack name keeps the odd character.
        stack = stack.substring(0, budget - half);
        logical = logical.substring(0, half);
      }
    }
    return stack + "-" + logical + "-" + suffix;
  }

  public static String randomSuffix(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
