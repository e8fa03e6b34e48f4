package io.github.lambdasdlc.local.lambda.code;

import io.github.lambdasdlc.local.AwsError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A function's deployment package: checked the way Lambda checks an upload, and unpacked safely. Sizes
 * are counted from the bytes actually inflated, never from the sizes an entry claims, so a zip bomb is
 * stopped at the limit; entries that would land outside the target directory and symbolic links are
 * refused.
 */
public final class CodeArchive {
  /** Lambda's limit for a zip uploaded directly (50 MiB). */
  public static final long MAX_ZIPPED_BYTES = 52_428_800L;
  /** Lambda's limit for the unpacked code (250 MiB), layers included. */
  public static final long MAX_UNZIPPED_BYTES = 262_144_000L;

  static final String INVALID_ZIP = "Could not unzip uploaded file. Please check your file, then try to upload again.";
  static final String EMPTY_ZIP = "Uploaded file must be a non-empty zip";

  /** What an upload holds. {@code codeSha256} is Lambda's CodeSha256: base64 of the SHA-256 of the zip bytes. */
  public record Summary(long codeSize, String codeSha256, int fileCount, long unzippedBytes) {
  }

  private CodeArchive() {
  }

  /**
   * Checks an uploaded zip as Lambda does and summarises it.
   *
   * @throws AwsError InvalidParameterValueException for an empty, corrupt, hostile or too large archive
   */
  public static Summary inspect(byte[] zip) {
    if (zip.length == 0) {
      throw invalid(EMPTY_ZIP);
    }
    int files = 0;
    int entries = 0;
    long unzipped = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      byte[] buffer = new byte[64 * 1024];
      boolean any = false;
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        any = true;
        entries++;
        checkName(entry.getName());
        checkNotLink(entry);
        if (!entry.isDirectory()) {
          files++;
        }
        for (int n; (n = in.read(buffer)) > 0; ) {
          unzipped += n;
          if (unzipped > MAX_UNZIPPED_BYTES) {
            throw invalid("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
          }
        }
      }
      if (!any) {
        throw invalid(EMPTY_ZIP);
      }
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: an entry name that is not valid in the zip's charset (UTF-8).
      throw invalid(INVALID_ZIP);
    }
    if (centralDirectoryEntries(zip) != entries) {
      // A truncated or spliced archive: its entries stream out, but its directory (which unzip tools and
      // Lambda read) is missing or disagrees.
      throw invalid(INVALID_ZIP);
    }
    return new Summary(zip.length, sha256Base64(zip), files, unzipped);
  }

  /**
   * The entry count of the archive's end-of-central-directory record, or -1 when there is none. The record
   * is at the end, after a comment of at most 65,535 bytes.
   */
  private static int centralDirectoryEntries(byte[] zip) {
    int earliest = Math.max(0, zip.length - 22 - 65_535);
    for (int i = zip.length - 22; i >= earliest; i--) {
      if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x05 && zip[i + 3] == 0x06) {
        int total = (zip[i + 10] & 0xff) | ((zip[i + 11] & 0xff) << 8);
        int commentLength = (zip[i + 20] & 0xff) | ((zip[i + 21] & 0xff) << 8);
        if (i + 22 + commentLength == zip.length) {
          return total == 0xffff ? zip64Entries(zip, i) : total;
        }
      }
    }
    return -1;
  }

  /** Zip64 archives keep the real count in their own record, located just before the classic one. */
  private static int zip64Entries(byte[] zip, int eocd) {
    int locator = eocd - 20;
    if (locator < 0 || !(zip[locator] == 0x50 && zip[locator + 1] == 0x4b && zip[locator + 2] == 0x06
        && zip[locator + 3] == 0x07)) {
      return 0xffff;
    }
    long offset = 0;
    for (int b = 7; b >= 0; b--) {
      offset = (offset << 8) | (zip[locator + 8 + b] & 0xff);
    }
    if (offset < 0 || offset + 56 > zip.length) {
      return -1;
    }
    int at = (int) offset;
    long count = 0;
    for (int b = 7; b >= 0; b--) {
      count = (count << 8) | (zip[at + 32 + b] & 0xff);
    }
    return count > Integer.MAX_VALUE ? -1 : (int) count;
  }

  /**
   * Unpacks a zip into an empty or missing directory, with the same checks as {@link #inspect}.
   *
   * @throws AwsError InvalidParameterValueException when the archive is refused
   * @throws IOException when the directory cannot be written
   */
  public static void unpack(Path zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    Files.createDirectories(root);
    long unzipped = 0;
    try (InputStream raw = Files.newInputStream(zip); ZipInputStream in = new ZipInputStream(raw)) {
      byte[] buffer = new byte[64 * 1024];
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        checkName(entry.getName());
        checkNotLink(entry);
        Path out = root.resolve(entry.getName()).normalize();
        if (!out.startsWith(root)) {
          throw invalid(INVALID_ZIP);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        Path part = out.resolveSibling(out.getFileName() + ".part");
        try (OutputStream os = Files.newOutputStream(part)) {
          for (int n; (n = in.read(buffer)) > 0; ) {
            unzipped += n;
            if (unzipped > MAX_UNZIPPED_BYTES) {
              throw invalid("Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
            }
            os.write(buffer, 0, n);
          }
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (ZipException | IllegalArgumentException e) {
      throw invalid(INVALID_ZIP);
    }
  }


  /** Lambda's CodeSha256 of some bytes. */
  public static String sha256Base64(byte[] bytes) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  private static void checkName(String name) {
    String n = name.replace('\\', '/');
    if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.contains("\0")) {
      throw invalid(INVALID_ZIP);
    }
    for (String part : n.split("/")) {
      if (part.equals("..")) {
        throw invalid(INVALID_ZIP);
      }
    }
  }

  /**
   * A symbolic link is marked by the Unix mode in the entry's extra field (0xA000 in the file type bits).
   * Java's reader does not expose that field's mode directly, so the "extended timestamp"/"unix" extras
   * are scanned for the 0x756e (ASi Unix) header, which is where zip -y stores links.
   */
  private static void checkNotLink(ZipEntry entry) {
    byte[] extra = entry.getExtra();
    if (extra == null) {
      return;
    }
    for (int i = 0; i + 4 <= extra.length; ) {
      int id = (extra[i] & 0xff) | ((extra[i + 1] & 0xff) << 8);
      int size = (extra[i + 2] & 0xff) | ((extra[i + 3] & 0xff) << 8);
      if (id == 0x756e && i + 4 + 6 <= extra.length) {
        // CRC (4 bytes), then the mode (2 bytes, little-endian).
        int mode = (extra[i + 8] & 0xff) | ((extra[i + 9] & 0xff) << 8);
        if ((mode & 0xF000) == 0xA000) {
          throw invalid(INVALID_ZIP);
        }
      }
      i += 4 + size;
    }
  }

  private static AwsError invalid(String message) {
    return new AwsError(400, "InvalidParameterValueException", message);
  }
}
