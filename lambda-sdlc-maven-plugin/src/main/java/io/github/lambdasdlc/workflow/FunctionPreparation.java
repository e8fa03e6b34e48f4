package io.github.lambdasdlc.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationRequest;

/**
 * The {@code prepare} step: switches the live function's configuration to a Java runtime and handler
 * (and the memory, timeout, environment, description and SnapStart the build asks for), out of band of
 * the stack. Only what differs is changed; a function that already matches is left alone.
 */
public final class FunctionPreparation {

  /**
   * The configuration wanted. Null members mean "leave as it is". {@code environment}, when given,
   * replaces the function's variables as a whole.
   */
  public record Request(String functionName, String runtime, JavaHandler handler, Integer memorySize,
      Integer timeout, Map<String, String> environment, String description, Boolean snapStart) {
  }

  /** Whether anything changed, and the configuration now live. */
  public record Result(boolean changed, List<String> changes, FunctionConfiguration configuration) {
  }

  private static final int MAX_CONFLICT_RETRIES = 5;

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final LambdaWaits waits;

  public FunctionPreparation(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
    this.waits = new LambdaWaits(clients, listener);
  }

  public Result prepare(Request request) {
    String runtime = JavaRuntimes.check(request.runtime(), "lambda-sdlc.runtime");
    for (int attempt = 0; ; attempt++) {
      FunctionConfiguration live = waits.untilSettled(request.functionName());
      List<String> changes = new ArrayList<>();
      UpdateFunctionConfigurationRequest.Builder update = UpdateFunctionConfigurationRequest.builder()
          .functionName(request.functionName()).revisionId(live.revisionId());
      if (!runtime.equals(live.runtimeAsString())) {
        changes.add("runtime " + live.runtimeAsString() + " -> " + runtime);
        update.runtime(runtime);
      }
      String handler = request.handler().toString();
      if (!handler.equals(live.handler())) {
        changes.add("handler " + live.handler() + " -> " + handler);
        update.handler(handler);
      }
      if (request.memorySize() != null && !request.memorySize().equals(live.memorySize())) {
        changes.add("memory " + live.memorySize() + " MB -> " + request.memorySize() + " MB");
        update.memorySize(request.memorySize());
      }
      if (request.timeout() != null && !request.timeout().equals(live.timeout())) {
        changes.add("timeout " + live.timeout() + " s -> " + request.timeout() + " s");
        update.timeout(request.timeout());
      }
      if (request.description() != null && !request.description().equals(Objects.toString(live.description(), ""))) {
        changes.add("description");
        update.description(request.description());
      }
      Map<String, String> liveEnv = live.environment() == null ? Map.of() : live.environment().variables();
      if (request.environment() != null && !request.environment().equals(liveEnv)) {
        // Names only: values may be secrets.
        changes.add("environment " + new TreeSet<>(liveEnv.keySet()) + " -> " + new TreeSet<>(request.environment().keySet()));
        update.environment(e -> e.variables(request.environment()));
      }
      if (request.snapStart() != null) {
        String liveApplyOn = live.snapStart() == null ? "None" : live.snapStart().applyOnAsString();
        String wanted = request.snapStart() ? "PublishedVersions" : "None";
        if (!wanted.equals(liveApplyOn)) {
          changes.add("SnapStart " + liveApplyOn + " -> " + wanted);
          update.snapStart(s -> s.applyOn(request.snapStart() ? SnapStartApplyOn.PUBLISHED_VERSIONS : SnapStartApplyOn.NONE));
        }
      }
      if (changes.isEmpty()) {
        listener.info("Function " + request.functionName() + " is already prepared (" + live.runtimeAsString() + ", "
            + live.handler() + "): nothing to change.");
        return new Result(false, changes, live);
      }
      try {
        clients.lambda().updateFunctionConfiguration(update.build());
      } catch (AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (("ResourceConflictException".equals(code) || "PreconditionFailedException".equals(code))
            && attempt < MAX_CONFLICT_RETRIES) {
          // Someone else (a stack update, another build) changed the function meanwhile: settle and diff again.
          listener.info("Function " + request.functionName() + " is being changed by someone else ("
              + code + "); waiting and trying again.");
          continue;
        }
        if ("InvalidParameterValueException".equals(code)) {
          throw WorkflowException.userError("Lambda refused the configuration of function " + request.functionName()
              + ": " + e.awsErrorDetails().errorMessage(), e);
        }
        throw SdkErrors.explain(e, clients.target(), "updating the configuration of function " + request.functionName());
      } catch (SdkException e) {
        throw SdkErrors.explain(e, clients.target(), "updating the configuration of function " + request.functionName());
      }
      FunctionConfiguration after = waits.untilUpdated(request.functionName(), "configuration");
      listener.info("Prepared function " + request.functionName() + ": " + String.join(", ", changes) + ".");
      return new Result(true, changes, after);
    }
  }
}
