package io.github.lambdasdlc.workflow;

import java.net.URI;
import java.util.Objects;

/**
 * Where the workflow's AWS calls go: AWS itself (the SDK's default region and credential chains, with an
 * optional named profile and region), or any endpoint URL that speaks the AWS APIs (the embedded local
 * cloud, LocalStack, ...).
 *
 * @param endpoint null for AWS
 * @param region null to let the SDK's region chain decide
 * @param profile null for the default profile
 * @param localCloud whether the endpoint is lambda-sdlc's own local cloud, which takes any credentials and
 *     answers in the region it was started with: the clients then read no credential or region chain
 */
public record Target(URI endpoint, String region, String profile, boolean localCloud) {

  public static Target aws(String region, String profile) {
    return new Target(null, blankToNull(region), blankToNull(profile), false);
  }

  public static Target endpoint(URI endpoint, String region) {
    return new Target(Objects.requireNonNull(endpoint), blankToNull(region), null, false);
  }

  /** lambda-sdlc's own local cloud at {@code endpoint}, answering in {@code region}. */
  public static Target localCloud(URI endpoint, String region) {
    return new Target(Objects.requireNonNull(endpoint), Objects.requireNonNull(blankToNull(region)), null, true);
  }

  public boolean isAws() {
    return endpoint == null;
  }

  /** For messages: {@code AWS (region eu-west-1, profile dev)} or the endpoint URL. */
  public String describe() {
    if (!isAws()) {
      return endpoint.toString();
    }
    StringBuilder s = new StringBuilder("AWS");
    if (region != null || profile != null) {
      s.append(" (");
      if (region != null) {
        s.append("region ").append(region);
      }
      if (profile != null) {
        s.append(region != null ? ", " : "").append("profile ").append(profile);
      }
      s.append(')');
    }
    return s.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
