package io.github.lambdasdlc.local.lambda.code;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A zip's central directory: the list unzip tools (and Lambda) read, with what {@link java.util.zip.ZipFile}
 * does not expose, the Unix mode that {@code zip -y} stores for a symbolic link in the external attributes
 * (the high 16 bits, when the entry was made on Unix). Reading is bounded by the archive's own bytes: every
 * offset and length is checked, and the entry count is the end record's.
 */
final class CentralDirectory {
  private static final int END_SIGNATURE = 0x06054b50;
  private static final int ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
  private static final int ZIP64_END_SIGNATURE = 0x06064b50;
  private static final int HEADER_SIGNATURE = 0x02014b50;
  private static final int HOST_UNIX = 3;

  /** One entry: its name and its Unix mode, or -1 when the archive was not made on Unix. */
  record Entry(String name, int unixMode) {
    boolean isSymbolicLink() {
      return unixMode >= 0 && (unixMode & 0xF000) == 0xA000;
    }

    /** Whether the archive says the file is executable by anyone (a bootstrap, a script). */
    boolean isExecutable() {
      return unixMode >= 0 && (unixMode & 0111) != 0;
    }
  }

  private CentralDirectory() {
  }

  /**
   * The archive's entries in directory order.
   *
   * @throws IllegalArgumentException when there is no well-formed central directory
   */
  static List<Entry> read(byte[] zip) {
    int end = findEnd(zip);
    if (end < 0) {
      throw new IllegalArgumentException("no end of central directory record");
    }
    long count = u16(zip, end + 10);
    long offset = u32(zip, end + 16);
    if (count == 0xffff || offset == 0xffffffffL) {
      int locator = end - 20;
      if (locator < 0 || u32(zip, locator) != ZIP64_LOCATOR_SIGNATURE) {
        throw new IllegalArgumentException("zip64 locator missing");
      }
      long zip64End = u64(zip, locator + 8);
      if (zip64End < 0 || zip64End + 56 > zip.length || u32(zip, (int) zip64End) != ZIP64_END_SIGNATURE) {
        throw new IllegalArgumentException("zip64 end record out of bounds");
      }
      count = u64(zip, (int) zip64End + 32);
      offset = u64(zip, (int) zip64End + 48);
    }
    if (offset < 0 || offset > zip.length || count < 0 || count > zip.length / 46) {
      // every header takes at least 46 bytes: a count beyond that is a lie, not a reason to loop
      throw new IllegalArgumentException("central directory out of bounds");
    }
    List<Entry> entries = new ArrayList<>((int) count);
    int at = (int) offset;
    for (long i = 0; i < count; i++) {
      if (at + 46 > zip.length || u32(zip, at) != HEADER_SIGNATURE) {
        throw new IllegalArgumentException("central directory header " + i + " out of bounds");
      }
      int madeBy = u16(zip, at + 4) >> 8;
      int nameLength = u16(zip, at + 28);
      int extraLength = u16(zip, at + 30);
      int commentLength = u16(zip, at + 32);
      long external = u32(zip, at + 38);
      if (at + 46L + nameLength + extraLength + commentLength > zip.length) {
        throw new IllegalArgumentException("central directory header " + i + " out of bounds");
      }
      String name = utf8(zip, at + 46, nameLength);
      entries.add(new Entry(name, madeBy == HOST_UNIX ? (int) (external >>> 16) : -1));
      at += 46 + nameLength + extraLength + commentLength;
    }
    return entries;
  }

  /** The end record is at the end, after a comment of at most 65,535 bytes. */
  private static int findEnd(byte[] zip) {
    int earliest = Math.max(0, zip.length - 22 - 65_535);
    for (int i = zip.length - 22; i >= earliest; i--) {
      if (u32(zip, i) == END_SIGNATURE && i + 22 + u16(zip, i + 20) == zip.length) {
        return i;
      }
    }
    return -1;
  }

  /** Names as {@link java.util.zip.ZipInputStream} reads them (UTF-8); a name that is not UTF-8 is refused. */
  private static String utf8(byte[] zip, int at, int length) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(zip, at, length)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("an entry name is not UTF-8");
    }
  }

  private static int u16(byte[] b, int i) {
    return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8);
  }

  private static long u32(byte[] b, int i) {
    return (u16(b, i) | ((long) u16(b, i + 2) << 16)) & 0xffffffffL;
  }

  private static long u64(byte[] b, int i) {
    return u32(b, i) | (u32(b, i + 4) << 32);
  }
}
