package io.github.lambdasdlc.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A function's inline code ({@code Code.ZipFile}) as the local cloud packages it: one file, {@code index.py}
 * or {@code index.js} by the runtime's family, in a deterministic zip (one entry stamped 1980-01-01T00:00
 * local time, default compression). The local cloud builds it; the workflow computes its CodeSha256 to tell the
 * stub from other code. One place, so that the two can never drift apart.
 */
public final class InlineCodeZip {
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

  private InlineCodeZip() {
  }

  /** The file inline code becomes for a runtime ({@code index.py}, {@code index.js}), or null when it takes none. */
  public static String fileName(String runtime) {
    String r = runtime == null ? "" : runtime.toLowerCase(Locale.ROOT);
    if (r.startsWith("python")) {
      return "index.py";
    }
    if (r.startsWith("nodejs")) {
      return "index.js";
    }
    return null;
  }

  /** The zip holding {@code source} as {@code fileName}. */
  public static byte[] zip(String fileName, String source) {
    return zip(java.util.Map.of(fileName, source));
  }

  /** The zip holding each file (name to content), in the map's order, stamped the same way. */
  public static byte[] zip(java.util.Map<String, String> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (java.util.Map.Entry<String, String> file : files.entrySet()) {
        ZipEntry entry = new ZipEntry(file.getKey());
        entry.setTimeLocal(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
