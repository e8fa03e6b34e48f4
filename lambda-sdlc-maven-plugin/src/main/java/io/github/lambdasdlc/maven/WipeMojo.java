package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.local.core.LocalCloudException;
import io.github.lambdasdlc.local.LocalState;
import java.io.File;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Frees the disk space the local cloud keeps after {@code destroy}: for the stack, its deleted stack records,
 * its functions' log groups and the unpacked code no function uses any more; with {@code wipeAll}, the
 * whole state directory (every stack, function, log and cache). It says what it removed and how much, and
 * removes nothing the second time. It refuses a directory that is not a local cloud's state directory, a
 * stack that still exists, and a directory a local cloud runs on (stop {@code mvn lambda-sdlc:local}
 * first; a local cloud this build started is stopped for it). For the command line:
 * {@code mvn lambda-sdlc:destroy lambda-sdlc:wipe -Dlambda-sdlc.endpoint=local}.
 */
@Mojo(name = "wipe", requiresProject = false, threadSafe = true)
public class WipeMojo extends AbstractMojo {

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  /** The state directory of the embedded local cloud, the same setting every goal uses with {@code endpoint=local}. */
  @Parameter(property = LocalClouds.DIR_PROPERTY, defaultValue = LocalClouds.DEFAULT_DIR)
  private File localDir;

  /** The deleted stack whose leftovers to remove. Needs a project or the property; not used with {@code wipeAll}. */
  @Parameter(property = "lambda-sdlc.stackName", defaultValue = "${project.artifactId}")
  private String stackName;

  /** Removes the whole state directory instead: every stack (live ones too), function, log and cache. */
  @Parameter(property = "lambda-sdlc.wipe.all", defaultValue = "false")
  private boolean wipeAll;

  /** Skips every lambda-sdlc goal. */
  @Parameter(property = "lambda-sdlc.skip", defaultValue = "false")
  private boolean skip;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.wipe.skip", defaultValue = "false")
  private boolean skipWipe;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip || skipWipe) {
      getLog().info("Skipping wipe (" + (skip ? "lambda-sdlc.skip" : "lambda-sdlc.wipe.skip") + ").");
      return;
    }
    // Outside a project, Maven's stand-in project names the stack "standalone-pom": not a stack the user meant.
    boolean noProject = project == null || project.getFile() == null;
    if (!wipeAll && (stackName == null || stackName.isBlank() || noProject && "standalone-pom".equals(stackName))) {
      throw new MojoFailureException("wipe needs the stack whose leftovers to remove: run it in the project, or name"
          + " the stack with -Dlambda-sdlc.stackName=NAME, or wipe the whole state directory with"
          + " -Dlambda-sdlc.wipe.all=true.");
    }
    LocalState state = LocalState.at(localDir.toPath());
    LocalClouds.stop(state.dir()); // this build's own cloud on the directory, if any; later goals start it again
    LocalState.Wipe wipe;
    try {
      wipe = wipeAll ? state.wipeAll() : state.wipeStack(stackName.trim());
    } catch (LocalCloudException e) {
      throw AbstractLambdaSdlcMojo.userFailure(e);
    } catch (UncheckedIOException e) {
      throw new MojoExecutionException("Cannot wipe the local cloud's state in " + state.dir() + ": "
          + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"), e);
    }
    String scope = wipeAll ? "the local cloud's state" : "what the local cloud keeps of stack " + stackName.trim();
    if (wipe.nothingRemoved()) {
      getLog().info("Nothing to remove of " + scope + " in " + wipe.dir() + ".");
      return;
    }
    if (!wipe.liveStacks().isEmpty()) {
      getLog().warn("Removed stacks that still existed: " + String.join(", ", wipe.liveStacks()) + ".");
    }
    for (LocalState.Removal r : wipe.removed()) {
      getLog().info("  Removed " + r.what() + " (" + size(r.bytes()) + ")");
    }
    getLog().info("Removed " + scope + " from " + wipe.dir() + ": " + size(wipe.bytes()) + " freed.");
  }

  /** Bytes in the unit a person reads best: 812 B, 14.2 KB, 29.1 MB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double kb = bytes / 1024.0;
    if (kb < 1024) {
      return String.format(Locale.ROOT, "%.1f KB", kb);
    }
    double mb = kb / 1024.0;
    return mb < 1024 ? String.format(Locale.ROOT, "%.1f MB", mb) : String.format(Locale.ROOT, "%.2f GB", mb / 1024.0);
  }
}
