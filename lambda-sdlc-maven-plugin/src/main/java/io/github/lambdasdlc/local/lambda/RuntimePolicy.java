package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.AwsError;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which runtime identifiers Lambda accepts for creating and updating zip functions, and when it stops.
 *
 * <p>Identifiers come from the model's {@code Runtime} enum; an identifier Lambda does not know at all is
 * refused with the enum list AWS quotes (recorded from AWS in 2026). Lambda deprecates a runtime in
 * phases: first creating functions is blocked, then updating them; both are decided here against the
 * local cloud's clock, with the dates of AWS's runtime page ("Lambda runtimes", deprecated runtimes
 * table). Runtimes whose blocks passed long ago carry {@link LocalDate#MIN}.
 */
final class RuntimePolicy {
  /** AWS's list in its "Member must satisfy enum value set" message for an unknown runtime. */
  static final String ENUM_LIST = "[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x,"
      + " nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17,"
      + " nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]";

  private record Phases(LocalDate blockCreate, LocalDate blockUpdate) {
  }

  private static final Phases OPEN = new Phases(null, null);
  private static final Phases BLOCKED = new Phases(LocalDate.MIN, LocalDate.MIN);
  private static final Map<String, Phases> RUNTIMES = new LinkedHashMap<>();

  static {
    for (String r : new String[] {"nodejs24.x", "nodejs22.x", "nodejs20.x", "python3.14", "python3.13", "python3.12",
        "python3.11", "python3.10", "java25", "java21", "java17", "java11", "java8.al2", "dotnet10", "ruby3.4",
        "ruby3.3", "provided.al2023", "provided.al2"}) {
      RUNTIMES.put(r, OPEN);
    }
    // .NET 6 and 8: deprecated, with creation blocked from 1 Feb 2027 and updates from 3 Mar 2027.
    Phases dotnet = new Phases(LocalDate.of(2027, 2, 1), LocalDate.of(2027, 3, 3));
    RUNTIMES.put("dotnet8", dotnet);
    RUNTIMES.put("dotnet6", dotnet);
    // Node.js 18: deprecated 1 Sep 2025; creation blocked 3 Feb 2026, updates 9 Mar 2026.
    RUNTIMES.put("nodejs18.x", new Phases(LocalDate.of(2026, 2, 3), LocalDate.of(2026, 3, 9)));
    // Python 3.9: deprecated 15 Dec 2025; creation blocked 1 Jun 2026, updates 1 Jul 2026.
    RUNTIMES.put("python3.9", new Phases(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 7, 1)));
    // Ruby 3.2: deprecated 31 Mar 2026; creation blocked 31 Aug 2026, updates 30 Sep 2026.
    RUNTIMES.put("ruby3.2", new Phases(LocalDate.of(2026, 8, 31), LocalDate.of(2026, 9, 30)));
    for (String r : new String[] {"nodejs16.x", "python3.8", "nodejs14.x", "nodejs12.x", "nodejs10.x", "nodejs8.10",
        "nodejs6.10", "nodejs4.3", "nodejs4.3-edge", "nodejs", "python3.7", "python3.6", "python2.7", "java8", "go1.x",
        "provided", "ruby2.7", "ruby2.5", "dotnetcore3.1", "dotnetcore2.1", "dotnetcore2.0", "dotnetcore1.0"}) {
      RUNTIMES.put(r, BLOCKED);
    }
  }

  private RuntimePolicy() {
  }

  /** Checks a runtime for CreateFunction. */
  static void checkCreate(String runtime, LocalDate today) {
    Phases p = known(runtime);
    if (p.blockCreate() != null && !today.isBefore(p.blockCreate())) {
      throw noLongerSupported(runtime);
    }
  }

  /** Checks a runtime for UpdateFunctionConfiguration/UpdateFunctionCode (the function's, or a new one). */
  static void checkUpdate(String runtime, LocalDate today, boolean changingTo) {
    Phases p = known(runtime);
    LocalDate block = changingTo ? p.blockCreate() : p.blockUpdate();
    if (block != null && !today.isBefore(block)) {
      throw noLongerSupported(runtime);
    }
  }

  private static Phases known(String runtime) {
    Phases p = RUNTIMES.get(runtime);
    if (p == null) {
      throw LambdaErrors.invalid("Value " + runtime + " at 'runtime' failed to satisfy constraint: Member must satisfy"
          + " enum value set: " + ENUM_LIST + " or be a valid ARN");
    }
    return p;
  }

  private static AwsError noLongerSupported(String runtime) {
    return LambdaErrors.invalid("The runtime parameter of " + runtime + " is no longer supported for creating or"
        + " updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating"
        + " functions.");
  }
}
