package io.github.lambdasdlc.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * The {@code deploy} step: puts a deployment package on the live function directly (UpdateFunctionCode
 * with the zip's bytes, so no bucket is involved), only when its CodeSha256 differs from the live one,
 * after checking everything that would otherwise fail only at the first invocation.
 */
public final class CodePush {
  /** Lambda's limit for a zip uploaded directly (50 MiB). */
  public static final long MAX_DIRECT_UPLOAD = 52_428_800L;
  /** Lambda's limit for the unpacked code (250 MiB). */
  public static final long MAX_UNZIPPED = 262_144_000L;

  /** What to push, and what to do after: publish a version, point an alias at it. */
  public record Request(String functionName, DeploymentZip.Result zip, boolean publish, String alias) {
  }

  /**
   * What happened. {@code bytesSent} is 0 when the function was up to date; {@code version} and
   * {@code alias} are null unless asked for.
   */
  public record Result(boolean upToDate, long bytesSent, String codeSha256, String version, String alias,
      Duration elapsed) {
  }

  private static final int MAX_CONFLICT_RETRIES = 5;

  private final AwsClients clients;
  private final WorkflowListener listener;
  private final LambdaWaits waits;

  public CodePush(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
    this.waits = new LambdaWaits(clients, listener);
  }

  public Result push(Request request) {
    long start = System.nanoTime();
    checkSizes(request.zip());
    FunctionConfiguration live = settled(request.functionName());
    checkRuntime(request.functionName(), live);
    if (JavaRuntimes.isOsOnly(live.runtimeAsString())) {
      checkBootstrap(request, live.runtimeAsString());
    } else {
      // Where the live handler came from is not known here (prepare's setting, its inference, the template, a
      // hand edit): the message says what the function has and how to set it, not who set it.
      JavaHandler.parse(live.handler(), "the live handler of function " + request.functionName())
          .checkIn(request.zip().file(), "the live handler of function " + request.functionName(), "Run the prepare"
              + " goal on this build to set the handler (the only handler class it has, or -Dlambda-sdlc.handler=...).");
    }

    boolean upToDate = request.zip().codeSha256().equals(live.codeSha256());
    long sent = 0;
    if (upToDate) {
      listener.info("Function " + request.functionName() + " is up to date (CodeSha256 " + live.codeSha256()
          + "): nothing uploaded.");
    } else {
      live = upload(request, live);
      sent = request.zip().size();
    }
    String version = null;
    if (request.publish() || request.alias() != null) {
      version = publish(request.functionName(), live);
    }
    if (request.alias() != null) {
      pointAlias(request.functionName(), request.alias(), version);
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    if (!upToDate) {
      listener.info(String.format(Locale.ROOT, "Deployed %s to function %s in %.1f s (CodeSha256 %s%s%s).",
          humanBytes(sent), request.functionName(), elapsed.toMillis() / 1000.0, request.zip().codeSha256(),
          version == null ? "" : ", version " + version, request.alias() == null ? "" : ", alias " + request.alias()));
    }
    return new Result(upToDate, sent, request.zip().codeSha256(), version, request.alias(), elapsed);
  }

  private FunctionConfiguration settled(String functionName) {
    try {
      return waits.untilSettled(functionName);
    } catch (WorkflowException e) {
      if (e.getCause() instanceof ResourceNotFoundException) {
        throw WorkflowException.userError("Function " + functionName + " does not exist on "
            + clients.target().describe() + ". Run mvn lambda-sdlc:init (the initialize phase) to create its stack,"
            + " then prepare.", e);
      }
      throw e;
    }
  }

  static void checkSizes(DeploymentZip.Result zip) {
    if (zip.size() > MAX_DIRECT_UPLOAD) {
      throw WorkflowException.userError("The deployment package " + zip.file().getFileName() + " has " + zip.size()
          + " bytes, more than the " + MAX_DIRECT_UPLOAD + " bytes (50 MiB) Lambda accepts in a direct upload,"
          + " and lambda-sdlc uses no S3 bucket. Make it smaller: drop unused runtime dependencies (mvn"
          + " dependency:analyze), mark container-provided ones <scope>provided</scope>, or move large"
          + " libraries into a Lambda layer.");
    }
    long unzipped = 0;
    try (InputStream raw = Files.newInputStream(zip.file()); ZipInputStream in = new ZipInputStream(raw)) {
      byte[] buffer = new byte[64 * 1024];
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          unzipped += n;
        }
      }
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot read the deployment package " + zip.file() + ": " + e.getMessage(), e);
    }
    if (unzipped > MAX_UNZIPPED) {
      throw WorkflowException.userError("The deployment package " + zip.file().getFileName() + " unpacks to "
          + unzipped + " bytes, more than the " + MAX_UNZIPPED + " bytes (250 MiB) Lambda allows. Drop unused"
          + " runtime dependencies or move them into a layer.");
    }
  }

  /**
   * An OS-only runtime starts the package's bootstrap: without one, every invocation would fail with
   * Runtime.InvalidEntrypoint. The handler is the bootstrap's business (a native image may ignore it), so it is not
   * checked against the classes.
   */
  private void checkBootstrap(Request request, String runtime) {
    boolean found;
    try (InputStream raw = Files.newInputStream(request.zip().file()); ZipInputStream in = new ZipInputStream(raw)) {
      found = false;
      for (ZipEntry e; !found && (e = in.getNextEntry()) != null; ) {
        found = e.getName().equals(DeploymentZip.BOOTSTRAP);
      }
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot read the deployment package " + request.zip().file() + ": "
          + e.getMessage(), e);
    }
    if (!found) {
      throw WorkflowException.userError("Function " + request.functionName() + " runs " + runtime + ", which starts"
          + " the executable bootstrap at the root of its package, and " + request.zip().file().getFileName()
          + " has none. Set lambda-sdlc.bootstrap to the executable to package as bootstrap (the native image"
          + " native-maven-plugin builds, or a script that starts a JVM), or add src/main/resources/bootstrap.");
    }
    listener.info("Handler check skipped: " + runtime + " runs the package's bootstrap, which reads the handler"
        + " (_HANDLER) itself.");
  }

  private void checkRuntime(String functionName, FunctionConfiguration live) {
    if (!JavaRuntimes.runsJavaBuilds(live.runtimeAsString())) {
      throw WorkflowException.userError("Function " + functionName + " runs " + live.runtimeAsString()
          + ", not Java, so Java code would fail to start. Run the prepare goal first (mvn lambda-sdlc:prepare,"
          + " bound to the prepare-package phase) to switch it to a Java runtime and handler.");
    }
  }

  private FunctionConfiguration upload(Request request, FunctionConfiguration live) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(request.zip().file());
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot read the deployment package " + request.zip().file(), e);
    }
    String name = request.functionName();
    String ours = request.zip().codeSha256();
    // The code this deploy saw and means to replace: when any other code shows up instead, someone else
    // deployed meanwhile, and overwriting theirs without a word is what the RevisionId precondition prevents.
    String seen = live.codeSha256();
    String revision = live.revisionId();
    for (int attempt = 0; ; attempt++) {
      String rev = revision;
      try {
        listener.info("Uploading " + humanBytes(bytes.length) + " to function " + name + " (" + seen + " -> " + ours
            + ")");
        clients.lambda().updateFunctionCode(b -> b.functionName(name)
            .zipFile(SdkBytes.fromByteArrayUnsafe(bytes)).revisionId(rev)
            .overrideConfiguration(clients.uploadOverride(bytes.length)));
        return waits.untilUpdated(name, "new code");
      } catch (AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        if (("ResourceConflictException".equals(code) || "PreconditionFailedException".equals(code))
            && attempt < MAX_CONFLICT_RETRIES) {
          // An update in progress, or a RevisionId that moved on: whose change was it?
          if ("ResourceConflictException".equals(code)) {
            listener.info("Function " + name + " has an update in progress; waiting for it.");
          }
          live = waits.untilSettled(name);
          if (ours.equals(live.codeSha256()) && !ours.equals(seen)) {
            // Our own upload arrived, but its answer was lost (a dropped connection the SDK retried).
            listener.info("The upload to function " + name + " arrived although its answer was lost.");
            return waits.untilUpdated(name, "new code");
          }
          if (!seen.equals(live.codeSha256())) {
            throw changedBySomeoneElse(name, live, e);
          }
          // Only the configuration changed (a stack update, prepare): the code is still the one we replace.
          revision = live.revisionId();
          continue;
        }
        if ("PreconditionFailedException".equals(code)) {
          throw changedBySomeoneElse(name, waits.untilSettled(name), e);
        }
        if ("InvalidParameterValueException".equals(code) || "RequestEntityTooLargeException".equals(code)
            || "CodeStorageExceededException".equals(code)) {
          throw WorkflowException.userError("Lambda refused the code of function " + name + ": "
              + e.awsErrorDetails().errorMessage(), e);
        }
        throw SdkErrors.explain(e, clients.target(), "uploading the code of function " + name);
      } catch (SdkClientException e) {
        // The connection broke (or the answer was cut) after the SDK's retries: the upload may have landed.
        FunctionConfiguration after;
        try {
          after = waits.untilSettled(name);
        } catch (WorkflowException unreadable) {
          throw SdkErrors.explain(e, clients.target(), "uploading the code of function " + name);
        }
        if (ours.equals(after.codeSha256())) {
          listener.info("The upload to function " + name + " arrived although its answer was lost.");
          return waits.untilUpdated(name, "new code");
        }
        throw SdkErrors.explain(e, clients.target(), "uploading the code of function " + name
            + " (it still runs CodeSha256 " + after.codeSha256() + "; run deploy again)");
      } catch (SdkException e) {
        throw SdkErrors.explain(e, clients.target(), "uploading the code of function " + name);
      }
    }
  }

  private static WorkflowException changedBySomeoneElse(String name, FunctionConfiguration live, Exception cause) {
    return WorkflowException.userError("Function " + name + " was changed by someone else while this deploy was"
        + " uploading (its RevisionId moved on; it now runs CodeSha256 " + live.codeSha256() + "), so nothing was"
        + " overwritten. Run deploy again to push this build over the new state.", cause);
  }

  private String publish(String functionName, FunctionConfiguration live) {
    try {
      String version = clients.lambda().publishVersion(b -> b.functionName(functionName)
          .codeSha256(live.codeSha256()).revisionId(live.revisionId())).version();
      waits.untilSettled(functionName + ":" + version);
      listener.info("Function " + functionName + " version " + version + " holds CodeSha256 " + live.codeSha256());
      return version;
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "publishing a version of function " + functionName);
    }
  }

  private void pointAlias(String functionName, String alias, String version) {
    try {
      String current = null;
      try {
        current = clients.lambda().getAlias(b -> b.functionName(functionName).name(alias)).functionVersion();
      } catch (ResourceNotFoundException e) {
        clients.lambda().createAlias(b -> b.functionName(functionName).name(alias).functionVersion(version));
        listener.info("Created alias " + alias + " -> version " + version);
        return;
      }
      if (version.equals(current)) {
        listener.info("Alias " + alias + " already points to version " + version);
        return;
      }
      clients.lambda().updateAlias(b -> b.functionName(functionName).name(alias).functionVersion(version));
      listener.info("Moved alias " + alias + ": version " + current + " -> " + version);
    } catch (SdkException e) {
      throw SdkErrors.explain(e, clients.target(), "pointing alias " + alias + " of function " + functionName);
    }
  }

  static String humanBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
