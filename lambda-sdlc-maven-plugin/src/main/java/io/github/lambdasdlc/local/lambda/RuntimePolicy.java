package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.runtime.LambdaRuntime;
import java.time.LocalDate;

/**
 * Which runtime identifiers Lambda accepts for creating and updating zip functions, and when it stops, as
 * {@link LambdaRuntime}'s table says: CreateFunction is refused from a runtime's create block; from its
 * update block, UpdateFunctionCode of a function on it and UpdateFunctionConfiguration naming it are refused
 * too (a configuration change that leaves the runtime out still works, and so does Invoke). The day is the
 * local cloud's clock's, in UTC. An identifier Lambda does not know at all is refused with the enum list AWS
 * quotes (recorded from AWS in 2026).
 */
final class RuntimePolicy {
  /** AWS's list in its "Member must satisfy enum value set" message for an unknown runtime. */
  static final String ENUM_LIST = "[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x,"
      + " nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17,"
      + " nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]";

  private RuntimePolicy() {
  }

  /** Checks a runtime for CreateFunction. */
  static void checkCreate(String runtime, LocalDate today) {
    LambdaRuntime r = known(runtime);
    if (r.isCreateBlockedOn(today)) {
      throw noLongerSupported(r);
    }
  }

  /**
   * Checks a runtime for an update: the runtime an UpdateFunctionConfiguration names (changed or not), or
   * the function's own for UpdateFunctionCode.
   */
  static void checkUpdate(String runtime, LocalDate today) {
    LambdaRuntime r = known(runtime);
    if (r.isUpdateBlockedOn(today)) {
      throw noLongerSupported(r);
    }
  }

  private static LambdaRuntime known(String runtime) {
    return LambdaRuntime.find(runtime).orElseThrow(() -> LambdaErrors.invalid("Value " + runtime + " at 'runtime'"
        + " failed to satisfy constraint: Member must satisfy enum value set: " + ENUM_LIST + " or be a valid ARN"));
  }

  /** AWS's words, as its CreateFunction and UpdateFunctionConfiguration answers quote them. */
  private static AwsError noLongerSupported(LambdaRuntime runtime) {
    String recommend = runtime.successor() == null ? "a supported runtime" : "the new runtime ("
        + runtime.successor() + ")";
    return LambdaErrors.invalid("The runtime parameter of " + runtime.id() + " is no longer supported for creating or"
        + " updating AWS Lambda functions. We recommend you use " + recommend + " while creating or updating"
        + " functions.");
  }
}
