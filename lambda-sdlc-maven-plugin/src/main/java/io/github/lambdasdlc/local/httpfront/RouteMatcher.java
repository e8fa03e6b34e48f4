package io.github.lambdasdlc.local.httpfront;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An HTTP API's route selection: the most specific route whose method ({@code ANY} matches all) and path
 * template match, literal segments before {@code {variables}} before a greedy {@code {proxy+}}, an exact method
 * before {@code ANY}; else {@code $default}; else none.
 */
final class RouteMatcher {
  static final Set<String> METHODS = Set.of("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private RouteMatcher() {
  }

  /** A selected route and the path's variables. */
  record Match(HttpApiRecord.Route route, Map<String, String> pathParameters) {
  }

  /** Whether a route key is {@code $default} or {@code METHOD /path} with a well-formed template. */
  static boolean valid(String routeKey) {
    if ("$default".equals(routeKey)) {
      return true;
    }
    String[] parts = routeKey.split(" ", -1);
    if (parts.length != 2 || !METHODS.contains(parts[0]) || !parts[1].startsWith("/")) {
      return false;
    }
    String[] segments = parts[1].substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String s = segments[i];
      if (s.endsWith("+}") && i != segments.length - 1) {
        return false;
      }
      if (s.startsWith("{") != s.endsWith("}")) {
        return false;
      }
    }
    return true;
  }

  static Optional<Match> select(Collection<HttpApiRecord.Route> routes, String method, String rawPath) {
    String[] path = segments(rawPath);
    Match best = null;
    int bestScore = Integer.MIN_VALUE;
    HttpApiRecord.Route fallback = null;
    for (HttpApiRecord.Route route : routes) {
      if ("$default".equals(route.routeKey)) {
        fallback = route;
        continue;
      }
      String[] key = route.routeKey.split(" ", 2);
      if (!key[0].equals("ANY") && !key[0].equals(method)) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      Integer score = match(segments(key[1]), path, params);
      if (score == null) {
        continue;
      }
      score = score * 2 + (key[0].equals("ANY") ? 0 : 1);
      if (score > bestScore) {
        bestScore = score;
        best = new Match(route, params);
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    return fallback == null ? Optional.empty() : Optional.of(new Match(fallback, Map.of()));
  }

  /** A score (higher is more specific) when the template matches, else null. */
  private static Integer match(String[] template, String[] path, Map<String, String> params) {
    int score = 0;
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("+}")) {
        if (i >= path.length) {
          return null; // a greedy variable needs at least one segment
        }
        params.put(t.substring(1, t.length() - 2), String.join("/", java.util.Arrays.copyOfRange(path, i, path.length)));
        return score * 1000 + i;
      }
      if (i >= path.length) {
        return null;
      }
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), path[i]);
        score += 1;
      } else if (t.equals(path[i])) {
        score += 3;
      } else {
        return null;
      }
    }
    return template.length == path.length ? score * 1000 + 999 : null;
  }

  private static String[] segments(String rawPath) {
    String p = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
    if (p.isEmpty()) {
      return new String[0];
    }
    String[] raw = p.split("/", -1);
    for (int i = 0; i < raw.length; i++) {
      try {
        raw[i] = URLDecoder.decode(raw[i].replace("+", "%2B"), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // kept as sent
      }
    }
    return raw;
  }
}
