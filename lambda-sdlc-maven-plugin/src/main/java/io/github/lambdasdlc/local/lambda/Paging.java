package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Lambda's Marker/MaxItems paging. A marker is opaque to clients; here it encodes the position of the
 * next item, so a list that changed between pages continues where it left off without repeating.
 */
final class Paging {
  /** AWS returns at most 50 items a page whatever MaxItems asks. */
  static final int MAX_PAGE = 50;

  private Paging() {
  }

  static ObjectNode page(List<ObjectNode> items, String marker, Integer maxItems, String listName) {
    int start = 0;
    if (marker != null && !marker.isEmpty()) {
      start = decode(marker);
      if (start < 0 || start > items.size()) {
        throw LambdaErrors.invalid("Invalid marker: " + marker);
      }
    }
    int size = maxItems == null ? MAX_PAGE : Math.min(maxItems, MAX_PAGE);
    int end = Math.min(items.size(), start + size);
    ObjectNode out = Json.MAPPER.createObjectNode();
    if (end < items.size()) {
      out.put("NextMarker", encode(end));
    }
    ArrayNode list = out.putArray(listName);
    items.subList(start, end).forEach(list::add);
    return out;
  }

  private static String encode(int position) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("next:" + position).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String marker) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(marker), StandardCharsets.UTF_8);
      if (!text.startsWith("next:")) {
        return -1;
      }
      return Integer.parseInt(text.substring(5));
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }
}
