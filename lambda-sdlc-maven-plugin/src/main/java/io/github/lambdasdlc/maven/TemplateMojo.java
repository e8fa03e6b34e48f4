package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.TemplateExport;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Writes the built-in template (a function with a Python stub, its role and its log group) to
 * {@code src/main/cloudformation/template.yaml}, so that the project owns and edits it; init then deploys
 * that file. Never overwrites a file with other content unless {@code overwrite} is set; a file that
 * already holds the built-in template is left as it is. Needs no endpoint. For the command line:
 * {@code mvn lambda-sdlc:template}.
 */
@Mojo(name = "template", threadSafe = true)
public class TemplateMojo extends AbstractLambdaSdlcMojo {

  /**
   * Where to write the template; the same setting init reads it from. Unset:
   * {@code src/main/cloudformation/template.yaml}.
   */
  @Parameter(property = "lambda-sdlc.template")
  private File template;

  /** Replaces an existing file whose content differs from the built-in template. */
  @Parameter(property = "lambda-sdlc.overwrite", defaultValue = "false")
  private boolean overwrite;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.template.skip", defaultValue = "false")
  private boolean skipTemplate;

  @Override
  protected String goal() {
    return "template";
  }

  @Override
  protected String skipReason() {
    return skipTemplate ? "lambda-sdlc.template.skip" : null;
  }

  /** Writes a file of the project; never reaches an endpoint, so it has none of the stack goals' settings. */
  @Override
  protected void work(WorkflowListener progress) {
    Path base = project.getBasedir().toPath();
    Path file = template != null ? template.toPath() : base.resolve("src/main/cloudformation/template.yaml");
    new TemplateExport(progress).export(file, overwrite, template == null, base);
  }
}
