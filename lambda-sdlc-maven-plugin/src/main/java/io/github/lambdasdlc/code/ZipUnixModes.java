package io.github.lambdasdlc.code;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Marks entries of a zip as executable Unix files, as {@code zip} records a file with mode 0755: the central
 * directory record says it was made on Unix and carries the mode in its external attributes. Java's
 * {@code ZipOutputStream} cannot write either, and Lambda runs an OS-only runtime's {@code bootstrap} only when
 * its package says it is executable.
 */
public final class ZipUnixModes {
  private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
  private static final int CENTRAL_DIRECTORY_HEADER = 0x02014b50;
  private static final int HOST_UNIX = 3;
  private static final int EXECUTABLE_FILE = 0100755;

  private ZipUnixModes() {
  }

  /**
   * Returns {@code zip} with the entries named in {@code names} marked executable (the array is changed in
   * place); other entries keep what they had.
   *
   * @throws IllegalArgumentException when the bytes are not a zip this class can read (no end record)
   */
  public static byte[] markExecutable(byte[] zip, Set<String> names) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int end = -1;
    for (int at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xFFFF); at--) {
      if (b.getInt(at) == END_OF_CENTRAL_DIRECTORY) {
        end = at;
        break;
      }
    }
    if (end < 0) {
      throw new IllegalArgumentException("Not a zip: no end of central directory record");
    }
    int entries = b.getShort(end + 10) & 0xFFFF;
    int at = b.getInt(end + 16);
    for (int i = 0; i < entries; i++) {
      if (b.getInt(at) != CENTRAL_DIRECTORY_HEADER) {
        throw new IllegalArgumentException("Not a zip: central directory record " + i + " is damaged");
      }
      int nameLength = b.getShort(at + 28) & 0xFFFF;
      int extraLength = b.getShort(at + 30) & 0xFFFF;
      int commentLength = b.getShort(at + 32) & 0xFFFF;
      String name = new String(zip, at + 46, nameLength, StandardCharsets.UTF_8);
      if (names.contains(name)) {
        b.putShort(at + 4, (short) (HOST_UNIX << 8 | (b.getShort(at + 4) & 0xFF)));
        b.putInt(at + 38, EXECUTABLE_FILE << 16);
      }
      at += 46 + nameLength + extraLength + commentLength;
    }
    return zip;
  }
}
