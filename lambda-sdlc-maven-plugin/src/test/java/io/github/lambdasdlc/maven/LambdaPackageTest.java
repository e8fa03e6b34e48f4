package io.github.lambdasdlc.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.WorkflowException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.Model;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LambdaPackageTest {
  @TempDir
  Path dir;

  @Test
  void readsTheOutputTimestampAsMavenArchiversDo() {
    assertThat(LambdaPackage.outputTimestamp(null)).isNull();
    assertThat(LambdaPackage.outputTimestamp("1")).isNull(); // a single character switches it off
    assertThat(LambdaPackage.outputTimestamp("1700000000")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(LambdaPackage.outputTimestamp("2024-01-02T03:04:05+01:00")).isEqualTo(Instant.parse("2024-01-02T02:04:05Z"));
    assertThatThrownBy(() -> LambdaPackage.outputTimestamp("yesterday")).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("project.build.outputTimestamp is 'yesterday'");
  }

  private Artifact artifact(String id, String version, String scope, String classifier, String type) throws Exception {
    DefaultArtifactHandler handler = new DefaultArtifactHandler(type);
    // As Maven's own handlers are configured: jars go on class paths, poms do not.
    handler.setAddedToClasspath(type.equals("jar"));
    DefaultArtifact a = new DefaultArtifact("com.example", id, version, scope, type, classifier, handler);
    Path file = dir.resolve(id + "-" + version + "." + type);
    Files.write(file, new byte[] {1});
    a.setFile(file.toFile());
    return a;
  }

  @Test
  void packagesCompileAndRuntimeJarsNamedByArtifactIdVersionAndClassifier() throws Exception {
    MavenProject project = new MavenProject(new Model());
    Set<Artifact> artifacts = new LinkedHashSet<>();
    artifacts.add(artifact("json", "2.1", Artifact.SCOPE_COMPILE, null, "jar"));
    artifacts.add(artifact("native", "1.0", Artifact.SCOPE_RUNTIME, "linux-x86_64", "jar"));
    artifacts.add(artifact("snap", "1.0-SNAPSHOT", Artifact.SCOPE_RUNTIME, null, "jar"));
    artifacts.add(artifact("servlet-api", "4.0", Artifact.SCOPE_PROVIDED, null, "jar"));
    artifacts.add(artifact("bom", "1.0", Artifact.SCOPE_COMPILE, null, "pom"));
    project.setArtifacts(artifacts);
    assertThat(LambdaPackage.libraries(project)).extracting(DeploymentZip.Library::fileName)
        .containsExactly("json-2.1.jar", "native-1.0-linux-x86_64.jar", "snap-1.0-SNAPSHOT.jar");
  }
}
