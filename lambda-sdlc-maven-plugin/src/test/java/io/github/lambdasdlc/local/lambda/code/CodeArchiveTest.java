package io.github.lambdasdlc.local.lambda.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeArchiveTest {
  @TempDir
  Path dir;

  private static byte[] zip(String... namesAndContents) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndContents.length; i += 2) {
        zip.putNextEntry(new ZipEntry(namesAndContents[i]));
        zip.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  private static void assertRefused(byte[] zip, String message) {
    assertThatThrownBy(() -> CodeArchive.inspect(zip))
        .isInstanceOfSatisfying(AwsError.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo("InvalidParameterValueException");
        })
        .hasMessageStartingWith(message);
  }

  @Test
  void summarisesAValidZipWithLambdasCodeSha() throws Exception {
    String source = "def handler(e, c):\n  return 1\n";
    byte[] zip = zip("index.py", source, "lib/a.txt", "abc");
    CodeArchive.Summary s = CodeArchive.inspect(zip);
    assertThat(s.codeSize()).isEqualTo(zip.length);
    assertThat(s.fileCount()).isEqualTo(2);
    assertThat(s.unzippedBytes()).isEqualTo(source.length() + 3);
    assertThat(s.codeSha256()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(zip)));
  }

  @Test
  void refusesEmptyCorruptAndTraversingArchives() throws Exception {
    assertRefused(new byte[0], CodeArchive.EMPTY_ZIP);
    assertRefused(zip(), CodeArchive.EMPTY_ZIP);
    assertRefused("not a zip at all".getBytes(StandardCharsets.UTF_8), CodeArchive.EMPTY_ZIP);
    byte[] good = zip("index.py", "x".repeat(1000));
    assertRefused(java.util.Arrays.copyOf(good, good.length / 2), CodeArchive.INVALID_ZIP);
    assertRefused(zip("../evil.py", "x"), CodeArchive.INVALID_ZIP);
    assertRefused(zip("a/../../evil.py", "x"), CodeArchive.INVALID_ZIP);
    assertRefused(zip("/etc/evil", "x"), CodeArchive.INVALID_ZIP);
  }

  @Test
  void stopsAZipBombAtTheUnzippedLimitCountingRealBytes() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("zeros.bin"));
      byte[] chunk = new byte[1 << 20];
      for (long written = 0; written <= CodeArchive.MAX_UNZIPPED_BYTES; written += chunk.length) {
        zip.write(chunk);
      }
      zip.closeEntry();
    }
    assertThat(bytes.size()).isLessThan(1 << 20); // a bomb: under 1 MiB that inflates past 250 MiB
    assertRefused(bytes.toByteArray(), "Unzipped size must be smaller than 262144000 bytes");
  }

  @Test
  void refusesSymbolicLinks() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      ZipEntry link = new ZipEntry("link");
      // The "ASi Unix" extra field (0x756e) as zip -y writes it: CRC, then mode 0120777 (a symbolic link).
      byte[] extra = {0x6e, 0x75, 14, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xa1, 0, 0, 0, 0, 0, 0, 0, 0};
      link.setExtra(extra);
      zip.putNextEntry(link);
      zip.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    assertThatThrownBy(() -> CodeArchive.inspect(bytes.toByteArray())).isInstanceOf(AwsError.class)
        .hasMessage(CodeArchive.INVALID_ZIP + " The entry 'link' is a symbolic link to '/etc/passwd', which is outside"
            + " the function's code directory (or a loop of links).");
  }

  @Test
  void refusesNamesThatCannotBeUnpacked() throws Exception {
    assertThatThrownBy(() -> CodeArchive.inspect(zip(".", "x"))).hasMessage(CodeArchive.INVALID_ZIP
        + " The entry '.' names the code directory itself.");
    assertThatThrownBy(() -> CodeArchive.inspect(zip("a", "x", "a/b", "y"))).hasMessage(CodeArchive.INVALID_ZIP
        + " The entry 'a/b' is inside 'a', which is a file or a link.");
    assertThatThrownBy(() -> CodeArchive.inspect(zip("a/b", "y", "a", "x"))).hasMessage(CodeArchive.INVALID_ZIP
        + " The entry 'a/b' is inside 'a', which is a file or a link.");
    assertThatThrownBy(() -> CodeArchive.inspect(zip("a/", "", "a", "x"))).hasMessage(CodeArchive.INVALID_ZIP
        + " The entry 'a' is a file and a directory of the same name.");
    // "a-b" sorts between "a" and "a/b" character by character: the check must still see a/b inside a
    assertThatThrownBy(() -> CodeArchive.inspect(zip("a", "x", "a-b", "z", "a/b", "y")))
        .hasMessageContaining("is inside 'a'");
    assertThatThrownBy(() -> CodeArchive.inspect(zip("d/" + "n".repeat(256), "x")))
        .hasMessageEndingWith("has a part longer than 255 bytes, the longest file name Linux allows.");
    assertThatThrownBy(() -> CodeArchive.inspect(zip("d/".repeat(2000) + "f", "x")))
        .hasMessageEndingWith("is longer than " + CodeArchive.MAX_NAME_BYTES + " bytes.");
    // What still passes: a name of exactly 255 bytes, "./" prefixes, a directory entry for "./".
    CodeArchive.Summary ok = CodeArchive.inspect(zip("n".repeat(255), "x", "./index.py", "y", "./", ""));
    assertThat(ok.fileCount()).isEqualTo(2);
  }

  @Test
  void manyDeepDistinctNamesAreCheckedInTimeAndMemoryOfTheirSize() throws Exception {
    // 2,000 entries of 1,500 levels each: a set of every parent directory would hold 3 million names of
    // up to 3 KB (gigabytes); the sorted check holds the 2,000 names.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      String deep = "d/".repeat(1500);
      for (int i = 0; i < 2000; i++) {
        zip.putNextEntry(new ZipEntry(i + "/" + deep + "f"));
        zip.closeEntry();
      }
    }
    assertThat(CodeArchive.inspect(bytes.toByteArray()).fileCount()).isEqualTo(2000);
  }

  @Test
  void aBrokenArchiveFailsToUnpackAndWritesNothingBesideTheTarget() throws Exception {
    Path target = dir.resolve("cache/code");
    for (byte[] bad : java.util.List.of(zip(".", "x"), zip("a", "x", "a/b", "y"))) {
      Path file = Files.write(dir.resolve("bad.zip"), bad);
      assertThatThrownBy(() -> CodeArchive.unpack(file, target)).isInstanceOf(AwsError.class);
      try (java.util.stream.Stream<Path> beside = Files.list(dir.resolve("cache"))) {
        assertThat(beside).containsExactly(target); // no ".part" files next to it
      }
    }
  }

  @Test
  void zipDashYLinksInsideAreKeptAsLinksAndLinksOutsideAreRefused() throws Exception {
    ZipCommand.assumeAvailable();
    byte[] inside = ZipCommand.zipY(dir, java.util.Map.of("lib/real.py", "x = 1\n"),
        java.util.Map.of("index.py", "lib/real.py", "lib/again.py", "./real.py", "alias", "lib"));
    assertThat(CodeArchive.inspect(inside).fileCount()).isEqualTo(4);
    Path file = Files.write(dir.resolve("inside.zip"), inside);
    CodeArchive.unpack(file, dir.resolve("out"));
    assertThat(Files.isSymbolicLink(dir.resolve("out/index.py"))).isTrue();
    assertThat(Files.readSymbolicLink(dir.resolve("out/index.py"))).isEqualTo(Path.of("lib/real.py"));
    assertThat(dir.resolve("out/index.py")).hasContent("x = 1");
    assertThat(dir.resolve("out/alias/again.py")).hasContent("x = 1");

    for (java.util.Map<String, String> links : java.util.List.of(
        java.util.Map.of("passwd", "/etc/passwd"),
        java.util.Map.of("up", "../outside"),
        java.util.Map.of("lib/up", "../../outside"),
        // each looks inside on its own; together p/.. is the code directory's parent
        java.util.Map.of("p", ".", "q", "p/.."),
        java.util.Map.of("loop1", "loop2", "loop2", "loop1"))) {
      byte[] outside = ZipCommand.zipY(dir, java.util.Map.of("lib/real.py", "x = 1\n"), links);
      assertThatThrownBy(() -> CodeArchive.inspect(outside)).as(links.toString()).isInstanceOf(AwsError.class)
          .hasMessageStartingWith(CodeArchive.INVALID_ZIP).hasMessageContaining("is a symbolic link to");
      Path bad = Files.write(dir.resolve("outside.zip"), outside);
      Path target = dir.resolve("refused-" + links.hashCode());
      assertThatThrownBy(() -> CodeArchive.unpack(bad, target)).isInstanceOf(AwsError.class);
    }
  }

  @Test
  void unpacksInsideTheTargetOnly() throws Exception {
    Path ok = Files.write(dir.resolve("ok.zip"), zip("index.py", "print(1)", "pkg/mod.py", "x = 1"));
    CodeArchive.unpack(ok, dir.resolve("out"));
    assertThat(dir.resolve("out/index.py")).hasContent("print(1)");
    assertThat(dir.resolve("out/pkg/mod.py")).hasContent("x = 1");

    Path evil = Files.write(dir.resolve("evil.zip"), zip("../escaped.txt", "x"));
    assertThatThrownBy(() -> CodeArchive.unpack(evil, dir.resolve("out2"))).isInstanceOf(AwsError.class);
    assertThat(dir.resolve("escaped.txt")).doesNotExist();
  }
}
