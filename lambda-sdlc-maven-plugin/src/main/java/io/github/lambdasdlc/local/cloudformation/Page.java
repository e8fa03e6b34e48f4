package io.github.lambdasdlc.local.cloudformation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** One page of a list and the NextToken for the rest (an opaque offset, as AWS's tokens are opaque). */
record Page<T>(List<T> items, String nextToken) {

  static <T> Page<T> of(List<T> all, String token, int size) {
    int from = 0;
    if (token != null && !token.isEmpty()) {
      try {
        String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        if (!text.startsWith("offset:")) {
          throw new IllegalArgumentException();
        }
        from = Integer.parseInt(text.substring("offset:".length()));
      } catch (IllegalArgumentException e) {
        throw CloudFormationErrors.validation("Invalid NextToken: " + token);
      }
    }
    from = Math.max(0, Math.min(from, all.size()));
    int to = Math.min(all.size(), from + size);
    String next = to < all.size()
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8))
        : null;
    return new Page<>(List.copyOf(all.subList(from, to)), next);
  }
}
