package io.github.lambdasdlc.local.httpfront;

import io.github.lambdasdlc.local.http.HttpRequest;
import java.util.Optional;

/**
 * Whether a request to a function URL is signed with SigV4 for a service, in an {@code Authorization} header
 * or a presigned query ({@code X-Amz-Credential}). As everywhere in the local cloud, the signature itself is not
 * verified (any key works): what is required is that a tool signed it, which a browser or plain curl does not.
 */
final class SigV4 {
  private SigV4() {
  }

  /** The signer's access key when the request is signed for {@code service}, else empty. */
  static Optional<String> accessKey(HttpRequest request, String service) {
    Optional<String> header = request.header("authorization").filter(a -> a.trim().startsWith("AWS4-HMAC-SHA256 "));
    if (header.isPresent()) {
      int at = header.get().indexOf("Credential=");
      if (at < 0 || !header.get().contains("Signature=")) {
        return Optional.empty();
      }
      int end = header.get().indexOf(',', at);
      return credential(header.get().substring(at + "Credential=".length(), end < 0 ? header.get().length() : end).trim(),
          service);
    }
    var query = PayloadV2Event.query(request.rawQuery());
    if ("AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm")) && query.containsKey("X-Amz-Signature")
        && query.containsKey("X-Amz-Credential")) {
      return credential(query.get("X-Amz-Credential"), service);
    }
    return Optional.empty();
  }

  /** {@code AKID/date/region/service/aws4_request}: the key, when the scope names the service. */
  private static Optional<String> credential(String credential, String service) {
    String[] parts = credential.split("/");
    if (parts.length != 5 || !parts[3].equals(service) || !parts[4].equals("aws4_request") || parts[0].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts[0]);
  }
}
