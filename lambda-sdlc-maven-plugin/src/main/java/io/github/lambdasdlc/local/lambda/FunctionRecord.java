package io.github.lambdasdlc.local.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A function with everything that belongs to it: $LATEST, its published versions, its aliases and tags.
 * Stored as one JSON document so that each change is one atomic write.
 */
final class FunctionRecord {
  public String name;
  public FunctionVersion latest;
  /**
   * $LATEST as it was before the update now in progress: invocations during an update run this, as AWS
   * keeps serving the previous configuration until the update is done. Null when no update is in progress.
   */
  public FunctionVersion previousLatest;
  public TreeMap<Integer, FunctionVersion> versions = new TreeMap<>();
  public TreeMap<String, AliasRecord> aliases = new TreeMap<>();
  public Map<String, String> tags = new LinkedHashMap<>();
  /** Event-invoke configurations by qualifier ({@code $LATEST}, a version number, an alias name). */
  public TreeMap<String, EventInvokeConfigRecord> eventInvokeConfigs = new TreeMap<>();
  /** Function URLs by qualifier ({@code $LATEST} for the unqualified function's, or an alias name). */
  public TreeMap<String, FunctionUrlRecord> functionUrls = new TreeMap<>();
  /** The number the next published version gets; numbers are never reused, as on AWS. */
  public int nextVersion = 1;
}
