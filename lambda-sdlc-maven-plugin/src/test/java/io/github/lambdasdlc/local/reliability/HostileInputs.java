package io.github.lambdasdlc.local.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Malformed and hostile pieces of requests: names, zips, documents. */
final class HostileInputs {
  /** Names no API accepts: traversal, NUL, control characters, unicode, empty, very long. */
  static final String[] BAD_NAMES = {
      "..", "../..", "%2e%2e", "a/../b", "%00", "fn%00", "\u0000", "fn\u0000x", "\r\n", "fn\nX-Injected: 1",
      "caf\u00e9", "\u202e\u0645\u0631\u062d\u0628\u0627", "\ud83d\ude00", "\ud800", "<script>", "' OR 1=1 --",
      "${jndi:ldap://127.0.0.1/a}", "%s%s%s%n", "arn:", "arn:aws:lambda:::function:", "arn:aws:lambda:us-east-1:0:function:x",
      "arn:aws:lambda:us-east-1:000000000000:function:", "arn:aws:lambda:eu-west-9:000000000000:function:f",
      "000000000000:function:", "fn:", "fn:$LATEST:extra", "fn:..", ":", "::::", "a".repeat(10_240),
      "b".repeat(141), "c".repeat(257), " ", "", "fn name", "fn/..", "fn%2F..%2F..", "%", "%zz", "%E0%80%80",
  };

  private HostileInputs() {
  }

  static String longName(int n) {
    return "x".repeat(n);
  }

  /** A zip whose entries have the given names (content "x"). */
  static byte[] zipWithNames(String... names) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String name : names) {
        zip.putNextEntry(new ZipEntry(name));
        zip.write('x');
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip with a symbolic link entry as Info-ZIP's ASi extra field marks it (mode 0120777). */
  static byte[] symlinkZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      ZipEntry link = new ZipEntry("index.py");
      byte[] target = "/etc/passwd".getBytes(StandardCharsets.US_ASCII);
      byte[] extra = new byte[4 + 14 + target.length];
      extra[0] = 0x6e;
      extra[1] = 0x75;
      extra[2] = (byte) (14 + target.length);
      int mode = 0120777;
      extra[8] = (byte) mode;
      extra[9] = (byte) (mode >> 8);
      System.arraycopy(target, 0, extra, 18, target.length);
      CRC32 crc = new CRC32();
      crc.update(extra, 8, extra.length - 8);
      long c = crc.getValue();
      extra[4] = (byte) c;
      extra[5] = (byte) (c >> 8);
      extra[6] = (byte) (c >> 16);
      extra[7] = (byte) (c >> 24);
      link.setExtra(extra);
      zip.putNextEntry(link);
      zip.write(target);
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** About {@code megabytes} MiB of zeros in one entry: a few hundred KiB zipped, a ratio near 1000. */
  static byte[] zipBomb(int megabytes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      zip.putNextEntry(new ZipEntry("index.py"));
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < megabytes; i++) {
        zip.write(zeros);
      }
      zip.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip with {@code n} one-byte entries. */
  static byte[] manyEntries(int n) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      for (int i = 0; i < n; i++) {
        zip.putNextEntry(new ZipEntry("f" + i));
        zip.write('x');
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static byte[] truncated(byte[] zip, int keep) {
    return Arrays.copyOf(zip, Math.max(0, Math.min(keep, zip.length)));
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static Map<String, String> validHandler() {
    return Map.of("index.py", "def handler(e, c):\n    return 1\n");
  }
}
