package io.github.lambdasdlc.local.lambda;

import java.util.LinkedHashMap;
import java.util.Map;

/** One alias as stored: the version it points at, its routing weights and its revision. */
final class AliasRecord {
  public String name;
  public String functionVersion;
  public String description = "";
  /** Extra version to weight, as in RoutingConfig.AdditionalVersionWeights; null when none. */
  public Map<String, Double> additionalVersionWeights;
  public String revisionId;

  AliasRecord copy() {
    AliasRecord c = new AliasRecord();
    c.name = name;
    c.functionVersion = functionVersion;
    c.description = description;
    c.additionalVersionWeights = additionalVersionWeights == null ? null : new LinkedHashMap<>(additionalVersionWeights);
    c.revisionId = revisionId;
    return c;
  }
}
