package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.DeploymentZip;
import io.github.lambdasdlc.workflow.WorkflowException;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.project.MavenProject;

/**
 * Builds {@code target/<finalName>-lambda.zip} from a Maven project: its classes at the root and each
 * runtime dependency as {@code lib/artifactId-version[-classifier].jar}, stamped with the build's
 * {@code project.build.outputTimestamp} so that a reproducible build gives the same CodeSha256. Used by
 * deploy and integration-test alike, so that both see the same package.
 */
final class LambdaPackage {
  private static final Set<String> PACKAGED_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);

  private LambdaPackage() {
  }

  /** The project context key of the package this build made last: its path and CodeSha256. */
  private static final String PACKAGED = LambdaPackage.class.getName() + ".packaged";

  /**
   * Builds the package; the project must have had its runtime dependencies resolved. Says so once per
   * build: prepare, integration-test and deploy each build it, and the same package is one fact.
   *
   * @param goal the goal that needs the package, for the message when nothing was compiled
   * @param bootstrap the executable to package as {@code bootstrap} (OS-only runtimes), or null
   * @throws WorkflowException when the project has sources but its build output holds no file (nothing
   *     compiled, or cleaned since); a project without sources may package its dependencies alone
   */
  static DeploymentZip.Result build(MavenProject project, String goal, Path bootstrap, WorkflowListener listener) {
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    Path base = project.getBasedir() == null ? null : project.getBasedir().toPath();
    if (!hasFiles(classes) && project.getCompileSourceRoots().stream().anyMatch(root -> hasFiles(Path.of(root)))) {
      throw WorkflowException.userError("The build output " + relative(base, classes) + " is empty: nothing has"
          + " been compiled (or mvn clean ran in this build), so there is no code to " + goal + ". Run the goal"
          + " after package, such as mvn package lambda-sdlc:" + goal + " (mvn deploy runs it in its phase).");
    }
    Path output = Path.of(project.getBuild().getDirectory(), project.getBuild().getFinalName() + "-lambda.zip");
    Instant timestamp = outputTimestamp(project.getProperties().getProperty("project.build.outputTimestamp"));
    DeploymentZip.Result zip = DeploymentZip.build(classes, libraries(project), bootstrap, timestamp, output);
    String line = "Packaged " + relative(base, output) + ": " + zip.files() + (zip.files() == 1 ? " file, " : " files, ")
        + zip.size() + " bytes, CodeSha256 " + zip.codeSha256();
    String fact = output + " " + zip.codeSha256();
    if (fact.equals(project.getContextValue(PACKAGED))) {
      listener.debug(line + " (again)");
    } else {
      project.setContextValue(PACKAGED, fact);
      listener.info(line);
    }
    return zip;
  }

  private static Path relative(Path base, Path path) {
    return base == null ? path : base.toAbsolutePath().relativize(path.toAbsolutePath());
  }

  /**
   * Builds the same package as {@link #build} into {@code output} without saying so, for comparing its
   * CodeSha256 with the live one; null when the project has no build output (no compiled classes).
   */
  static DeploymentZip.Result buildForComparison(MavenProject project, Path bootstrap, Path output) {
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    if (!hasFiles(classes)) {
      return null;
    }
    Instant timestamp = outputTimestamp(project.getProperties().getProperty("project.build.outputTimestamp"));
    return DeploymentZip.build(classes, libraries(project), bootstrap, timestamp, output);
  }

  /** Whether a build output directory holds any file. */
  static boolean hasFiles(Path dir) {
    if (!java.nio.file.Files.isDirectory(dir)) {
      return false;
    }
    try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
      return walk.anyMatch(java.nio.file.Files::isRegularFile);
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The compile- and runtime-scope dependency jars, in a stable order. */
  static List<DeploymentZip.Library> libraries(MavenProject project) {
    List<Artifact> artifacts = new ArrayList<>(project.getArtifacts());
    artifacts.sort(Comparator.comparing(Artifact::getGroupId).thenComparing(Artifact::getArtifactId)
        .thenComparing(a -> a.getClassifier() == null ? "" : a.getClassifier()));
    List<DeploymentZip.Library> libraries = new ArrayList<>();
    for (Artifact a : artifacts) {
      if (!PACKAGED_SCOPES.contains(a.getScope()) || !a.getArtifactHandler().isAddedToClasspath()) {
        continue;
      }
      File file = a.getFile();
      if (file == null || !file.isFile()) {
        throw WorkflowException.failure("The dependency " + a + " has no resolved jar file to package.", null);
      }
      String classifier = a.getClassifier() == null || a.getClassifier().isEmpty() ? "" : "-" + a.getClassifier();
      libraries.add(new DeploymentZip.Library(a.getArtifactId() + "-" + a.getBaseVersion() + classifier + ".jar",
          file.toPath()));
    }
    return libraries;
  }

  /**
   * Reads {@code project.build.outputTimestamp} as Maven's archivers do: ISO-8601 with an offset, or
   * seconds since the epoch; unset or a single character (the conventional "off") means none.
   */
  static Instant outputTimestamp(String value) {
    if (value == null || value.trim().length() < 2) {
      return null;
    }
    String v = value.trim();
    try {
      if (v.chars().allMatch(Character::isDigit)) {
        return Instant.ofEpochSecond(Long.parseLong(v));
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException | NumberFormatException e) {
      throw WorkflowException.userError("project.build.outputTimestamp is '" + value + "', which is neither an"
          + " ISO-8601 date-time with an offset (such as 2024-01-01T00:00:00Z) nor seconds since the epoch.", e);
    }
  }
}
