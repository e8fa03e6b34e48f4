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
    checkCentralDirectory(zip);
    int files = 0;
    long unzipped = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      byte[] buffer = new byte[64 * 1024];
      boolean any = false;
      for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
        any = true;
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
    return new Summary(zip.length, sha256Base64(zip), files, unzipped);
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

  /**
   * Requires the end-of-central-directory record and a central directory where it says, as unzip tools
   * (and Lambda) read archives from their end: a zip cut short loses them even when its first entries
   * still read, and must be refused, not stored.
   */
  private static void checkCentralDirectory(byte[] zip) {
    int eocd = -1;
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
      if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 5 && zip[i + 3] == 6) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) {
      throw invalid(INVALID_ZIP);
    }
    long size = uint32(zip, eocd + 12);
    long offset = uint32(zip, eocd + 16);
    if (size == 0xFFFFFFFFL || offset == 0xFFFFFFFFL) {
      return; // ZIP64: the real values are in the ZIP64 record; the entries are still read one by one.
    }
    if (offset + size > eocd) {
      throw invalid(INVALID_ZIP);
    }
    int entries = (zip[eocd + 10] & 0xff) | ((zip[eocd + 11] & 0xff) << 8);
    if (entries > 0 && (size < 46 || zip[(int) offset] != 'P' || zip[(int) offset + 1] != 'K'
        || zip[(int) offset + 2] != 1 || zip[(int) offset + 3] != 2)) {
      throw invalid(INVALID_ZIP);
    }
  }

  private static long uint32(byte[] b, int at) {
    return (b[at] & 0xffL) | ((b[at + 1] & 0xffL) << 8) | ((b[at + 2] & 0xffL) << 16) | ((b[at + 3] & 0xffL) << 24);
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
