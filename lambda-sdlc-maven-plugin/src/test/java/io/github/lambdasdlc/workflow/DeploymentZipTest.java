package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentZipTest {
  @TempDir
  Path dir;

  private Path classes() throws Exception {
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes.resolve("b/c"));
    Files.writeString(classes.resolve("b/c/Two.class"), "two");
    Files.writeString(classes.resolve("a.properties"), "a=1");
    return classes;
  }

  @Test
  void sameInputsGiveTheSameBytesWhateverTheFileTimes() throws Exception {
    Path classes = classes();
    Path jar = Files.writeString(dir.resolve("dep-1.0.jar"), "jar bytes");
    List<DeploymentZip.Library> libs = List.of(new DeploymentZip.Library("dep-1.0.jar", jar));
    DeploymentZip.Result first = DeploymentZip.build(classes, libs, null, dir.resolve("one.zip"));

    Files.setLastModifiedTime(classes.resolve("a.properties"), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
    DeploymentZip.Result second = DeploymentZip.build(classes, libs, null, dir.resolve("two.zip"));

    assertThat(second.codeSha256()).isEqualTo(first.codeSha256());
    assertThat(Files.readAllBytes(second.file())).isEqualTo(Files.readAllBytes(first.file()));
    assertThat(first.files()).isEqualTo(3);
  }

  @Test
  void layoutIsClassesAtTheRootAndJarsUnderLibSortedWithTheBuildTimestamp() throws Exception {
    Path jar = Files.writeString(dir.resolve("dep.jar"), "jar");
    Instant ts = Instant.parse("2026-11-27T10:00:00Z");
    DeploymentZip.Result result = DeploymentZip.build(classes(), List.of(new DeploymentZip.Library("dep.jar", jar)),
        ts, dir.resolve("f.zip"));
    List<String> names = new ArrayList<>();
    try (ZipFile zip = new ZipFile(result.file().toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        names.add(e.getName());
        assertThat(e.getTimeLocal()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 27, 10, 0, 0));
      }
    }
    assertThat(names).containsExactly("b/", "b/c/", "lib/", "a.properties", "b/c/Two.class", "lib/dep.jar");
    assertThat(result.codeSha256()).isEqualTo(java.util.Base64.getEncoder().encodeToString(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(result.file()))));
  }

  @Test
  void contentChangeChangesTheSha() throws Exception {
    Path classes = classes();
    String before = DeploymentZip.build(classes, List.of(), null, dir.resolve("a.zip")).codeSha256();
    Files.writeString(classes.resolve("a.properties"), "a=2");
    assertThat(DeploymentZip.build(classes, List.of(), null, dir.resolve("a.zip")).codeSha256()).isNotEqualTo(before);
  }

  @Test
  void nothingToPackageIsTheUsersToFix() {
    assertThatThrownBy(() -> DeploymentZip.build(dir.resolve("missing"), List.of(), null, dir.resolve("x.zip")))
        .isInstanceOf(WorkflowException.class)
        .hasMessageContaining("nothing to deploy")
        .matches(e -> ((WorkflowException) e).isUserFault());
  }

  @Test
  void duplicateLibraryNamesAreRefused() throws Exception {
    Path jar = Files.writeString(dir.resolve("x.jar"), "x");
    assertThatThrownBy(() -> DeploymentZip.build(classes(), List.of(new DeploymentZip.Library("x.jar", jar),
        new DeploymentZip.Library("x.jar", jar)), null, dir.resolve("x.zip")))
        .hasMessageContaining("lib/x.jar");
  }
}
