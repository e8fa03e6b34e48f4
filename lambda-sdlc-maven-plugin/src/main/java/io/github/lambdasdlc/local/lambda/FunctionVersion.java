package io.github.lambdasdlc.local.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One version of a function ({@code $LATEST} or a published number) as stored in the state directory:
 * its configuration, its code's identity and its asynchronous state. Mutable only under the registry's
 * lock; {@link #copy()} gives a snapshot.
 */
final class FunctionVersion {
  public String version;
  public String runtime;
  public String role;
  public String handler;
  public String description = "";
  public int timeout = 3;
  public int memorySize = 128;
  /** Null when the function was created without an Environment (AWS then omits it). */
  public Map<String, String> environment;
  public String architecture = "x86_64";
  public int ephemeralStorage = 512;
  public String snapStartApplyOn = "None";
  public String tracingMode = "PassThrough";
  public String deadLetterTargetArn;
  public String kmsKeyArn;
  public String logFormat = "Text";
  public String logGroup;
  public String applicationLogLevel;
  public String systemLogLevel;
  public String codeSha256;
  public long codeSize;
  public String lastModified;
  public String revisionId;
  public String state;
  public String stateReason;
  public String stateReasonCode;
  public String lastUpdateStatus;
  public String lastUpdateStatusReason;
  public String lastUpdateStatusReasonCode;

  FunctionVersion copy() {
    FunctionVersion c = new FunctionVersion();
    c.version = version;
    c.runtime = runtime;
    c.role = role;
    c.handler = handler;
    c.description = description;
    c.timeout = timeout;
    c.memorySize = memorySize;
    c.environment = environment == null ? null : new LinkedHashMap<>(environment);
    c.architecture = architecture;
    c.ephemeralStorage = ephemeralStorage;
    c.snapStartApplyOn = snapStartApplyOn;
    c.tracingMode = tracingMode;
    c.deadLetterTargetArn = deadLetterTargetArn;
    c.kmsKeyArn = kmsKeyArn;
    c.logFormat = logFormat;
    c.logGroup = logGroup;
    c.applicationLogLevel = applicationLogLevel;
    c.systemLogLevel = systemLogLevel;
    c.codeSha256 = codeSha256;
    c.codeSize = codeSize;
    c.lastModified = lastModified;
    c.revisionId = revisionId;
    c.state = state;
    c.stateReason = stateReason;
    c.stateReasonCode = stateReasonCode;
    c.lastUpdateStatus = lastUpdateStatus;
    c.lastUpdateStatusReason = lastUpdateStatusReason;
    c.lastUpdateStatusReasonCode = lastUpdateStatusReasonCode;
    return c;
  }

  /**
   * Whether two versions would run and be configured the same: PublishVersion makes no new version when
   * $LATEST equals the newest published one in everything but identity, timestamps and state.
   */
  boolean sameCodeAndConfiguration(FunctionVersion o) {
    return Objects.equals(runtime, o.runtime) && Objects.equals(role, o.role) && Objects.equals(handler, o.handler)
        && timeout == o.timeout && memorySize == o.memorySize
        && Objects.equals(environment == null ? Map.of() : environment, o.environment == null ? Map.of() : o.environment)
        && Objects.equals(architecture, o.architecture) && ephemeralStorage == o.ephemeralStorage
        && Objects.equals(snapStartApplyOn, o.snapStartApplyOn) && Objects.equals(tracingMode, o.tracingMode)
        && Objects.equals(deadLetterTargetArn, o.deadLetterTargetArn) && Objects.equals(kmsKeyArn, o.kmsKeyArn)
        && Objects.equals(logFormat, o.logFormat) && Objects.equals(logGroup, o.logGroup)
        && Objects.equals(applicationLogLevel, o.applicationLogLevel)
        && Objects.equals(systemLogLevel, o.systemLogLevel) && Objects.equals(codeSha256, o.codeSha256);
  }

  /** Whether the version is in a transitional state that a scheduled task (or a restart) must complete. */
  boolean transitional() {
    return "Pending".equals(state) || "InProgress".equals(lastUpdateStatus);
  }
}
