package io.github.lambdasdlc.local.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one AWS Query request, decoded, with the helpers Query's list encoding needs:
 * {@code Capabilities.member.1=CAPABILITY_IAM} is a list of text and
 * {@code Parameters.member.1.ParameterKey=K} a list of structures. An empty list is sent as the bare
 * name ({@code Tags=}), which is how a caller says "none" rather than "unchanged".
 */
public final class QueryRequest {
  private final Map<String, String> params;

  public QueryRequest(Map<String, String> params) {
    this.params = Map.copyOf(params);
  }

  public String action() {
    return params.get("Action");
  }

  /** The value of a top-level parameter, or null when it was not sent. */
  public String get(String name) {
    return params.get(name);
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(params.get(name));
  }

  /** A boolean parameter: {@code true} (any case) is true, anything else false, absent null. */
  public Boolean bool(String name) {
    String v = params.get(name);
    return v == null ? null : Boolean.parseBoolean(v);
  }

  /** Whether the list was sent at all, even empty. */
  public boolean hasList(String name) {
    if (params.containsKey(name)) {
      return true;
    }
    String prefix = name + ".member.";
    return params.keySet().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** {@code Name.member.N} values in index order (gaps skipped, as AWS does). */
  public List<String> list(String name) {
    String prefix = name + ".member.";
    Map<Integer, String> byIndex = new java.util.TreeMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        Integer index = parseIndex(k.substring(prefix.length()));
        if (index != null) {
          byIndex.put(index, v);
        }
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  /** {@code Name.member.N.Field} structures in index order, each as a map of its fields. */
  public List<Map<String, String>> structs(String name) {
    String prefix = name + ".member.";
    Map<Integer, Map<String, String>> byIndex = new java.util.TreeMap<>();
    params.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        String rest = k.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot > 0) {
          Integer index = parseIndex(rest.substring(0, dot));
          if (index != null) {
            byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), v);
          }
        }
      }
    });
    return new ArrayList<>(byIndex.values());
  }

  private static Integer parseIndex(String text) {
    try {
      int i = Integer.parseInt(text);
      return i > 0 ? i : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
