package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.AwsClients;
import io.github.lambdasdlc.workflow.StackConvergence;
import io.github.lambdasdlc.workflow.StackTemplate;
import io.github.lambdasdlc.workflow.WorkflowListener;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes the stack match its template: creates it when missing, updates it when the template, parameters or
 * tags changed, and says it is up to date otherwise. Then sets the project properties
 * {@code lambda-sdlc.functionName} and {@code lambda-sdlc.functionArn} (and {@code lambda-sdlc.endpointUrl}
 * off AWS) for the later goals, and for tests: pass them to Failsafe with
 * {@code <systemPropertyVariables><lambda-sdlc.functionName>${lambda-sdlc.functionName}</lambda-sdlc.functionName>}.
 */
@Mojo(name = "init", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class InitMojo extends AbstractStackMojo {

  /**
   * The CloudFormation template (YAML or JSON). Unset: the only template in {@code src/main/cloudformation/},
   * else the built-in template (a function with a Python stub, its role and log group).
   */
  @Parameter(property = "lambda-sdlc.template")
  private File template;

  /**
   * Values for the template's parameters. Parameters not given keep their value from the last run (or the
   * template's default). Set in the POM: maps have no command-line property.
   */
  @Parameter
  private Map<String, String> parameters;

  /** Tags for the stack (CloudFormation passes them on to the resources). Set in the POM. */
  @Parameter
  private Map<String, String> tags;

  /**
   * Deletes and recreates a stack whose creation failed (ROLLBACK_COMPLETE and the like), which
   * CloudFormation cannot update.
   */
  @Parameter(property = "lambda-sdlc.recreateFailed", defaultValue = "false")
  private boolean recreateFailed;

  /**
   * CloudFormation capabilities to acknowledge beyond those init finds itself (the ones ValidateTemplate
   * reports, and {@code CAPABILITY_AUTO_EXPAND} when the template declares a {@code Transform}, SAM or a
   * macro, which ValidateTemplate does not report). Comma-separated: {@code CAPABILITY_IAM},
   * {@code CAPABILITY_NAMED_IAM}, {@code CAPABILITY_AUTO_EXPAND}.
   */
  @Parameter(property = "lambda-sdlc.capabilities")
  private List<String> capabilities;

  /**
   * The logical id of the stack's function to work on. Needed only when the stack has several
   * {@code AWS::Lambda::Function} resources.
   */
  @Parameter(property = "lambda-sdlc.functionLogicalId")
  protected String functionLogicalId;

  /**
   * Shows what init would change and applies nothing: the resources a new stack would have, or the changes of
   * an update as CloudFormation computes them in a change set (Add / Modify / Remove, and whether each
   * resource is replaced).
   */
  @Parameter(property = "lambda-sdlc.preview", defaultValue = "false")
  private boolean preview;

  /**
   * Lets an update replace or remove a resource that holds data (a DynamoDB table, an S3 bucket, a log group
   * with a retention period, a KMS key, a secret, a queue, a database, a file system), whose contents would be
   * lost. Without it, such an update stops before anything changes and names the resources.
   */
  @Parameter(property = "lambda-sdlc.allowDataLoss", defaultValue = "false")
  private boolean allowDataLoss;

  /** Skips this goal. */
  @Parameter(property = "lambda-sdlc.init.skip", defaultValue = "false")
  private boolean skipInit;

  @Override
  protected String goal() {
    return "init";
  }

  @Override
  protected String skipReason() {
    return skipInit ? "lambda-sdlc.init.skip" : null;
  }

  @Override
  protected void run(AwsClients clients, WorkflowListener progress) {
    StackTemplate stackTemplate = StackTemplate.locate(template == null ? null : template.toPath(),
        project.getBasedir().toPath().resolve("src/main/cloudformation"), project.getBasedir().toPath());
    StackConvergence.Result result = new StackConvergence(clients, progress).converge(new StackConvergence.Request(
        stackName, stackTemplate, parameters == null ? Map.of() : new LinkedHashMap<>(parameters),
        tags == null ? Map.of() : new LinkedHashMap<>(tags), recreateFailed, AbstractFunctionMojo.blankToNull(functionLogicalId),
        capabilities, preview, allowDataLoss));
    if (result.functionName() != null) {
      project.getProperties().setProperty(FUNCTION_NAME_PROPERTY, result.functionName());
      project.getProperties().setProperty(FUNCTION_ARN_PROPERTY, result.functionArn());
    }
    progress.info(summary(stackName, result, clients.target().describe()));
  }

  /** The goal's one-line outcome. */
  static String summary(String stackName, StackConvergence.Result r, String target) {
    String stack = switch (r.outcome()) {
      case CREATED -> "Created stack " + stackName;
      case RECREATED -> "Recreated stack " + stackName;
      case UPDATED -> "Updated stack " + stackName;
      case UP_TO_DATE -> "Stack " + stackName + " is up to date";
      case PREVIEWED -> "Previewed stack " + stackName + ", nothing applied";
    };
    if (r.functionName() == null) {
      return stack + " on " + target + ".";
    }
    return stack + " on " + target + " (" + r.stackStatus() + "); function " + r.functionName() + " ("
        + r.functionLogicalId() + ").";
  }
}
