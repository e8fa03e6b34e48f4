package io.github.lambdasdlc.local.logs;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How log group and stream names map to the state directory, shared by the writer (the execution engine)
 * and the reader (this service): {@code logs/<group>/<stream>}, each name one path segment encoded with
 * {@link URLEncoder} in UTF-8, so that {@code /aws/lambda/fn} becomes {@code %2Faws%2Flambda%2Ffn}.
 */
public final class LogNames {
  private LogNames() {
  }

  /** A name as one path segment. */
  public static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  /** The name a segment stands for, or empty when the segment is not an encoded name (a temporary file, say). */
  public static Optional<String> decode(String segment) {
    try {
      String name = URLDecoder.decode(segment, StandardCharsets.UTF_8);
      return encode(name).equals(segment) && !name.isEmpty() ? Optional.of(name) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The file of a stream under the {@code logs} directory. */
  public static Path streamFile(Path logsDir, String group, String stream) {
    return logsDir.resolve(encode(group)).resolve(encode(stream));
  }
}
