package io.github.lambdasdlc.workflow;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The {@code watch} step: watches a build output directory ({@code target/classes}) and, when it has been
 * quiet for a moment after a change (an IDE writes many files per compile), builds the deployment package
 * again and pushes it through the deploy step ({@link CodePush}), so that the next invocation runs the new
 * code without a Maven run. One line per push; nothing is pushed when the package's CodeSha256 is the
 * function's already (a compile that changed nothing, or a file touched).
 */
public final class CodeWatch {

  /**
   * What to watch and push.
   *
   * @param classes the directory to watch, recursively
   * @param packager builds this build's package from it (the deploy goal's package; dependencies' jars as
   *     resolved when the watch started), or returns null while it holds no file
   * @param quiet how long the directory must stay unchanged before the package is built
   */
  public record Request(String functionName, Path classes, Supplier<DeploymentZip.Result> packager, Duration quiet) {
  }

  /** How many packages were pushed, and how many changes found the function up to date. */
  public record Result(int pushes, int unchanged) {
  }

  private final AwsClients clients;
  private final WorkflowListener listener;

  public CodeWatch(AwsClients clients, WorkflowListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  /**
   * Pushes the current package if the function runs other code, then watches until {@code keepGoing} says
   * otherwise (it is asked at least every {@code quiet} period) or the thread is interrupted.
   *
   * @throws WorkflowException when the directory cannot be watched, or a push fails as deploy would
   */
  public Result watch(Request request, BooleanSupplier keepGoing) {
    if (!Files.isDirectory(request.classes())) {
      throw WorkflowException.userError("There is no " + request.classes() + " to watch: compile the project first"
          + " (mvn compile, or let the IDE build it), then start the watch again.");
    }
    int pushes = 0;
    int unchanged = 0;
    try (WatchService service = request.classes().getFileSystem().newWatchService()) {
      register(service, request.classes());
      listener.info("Watching " + request.classes() + " for function " + request.functionName() + " on "
          + clients.target().describe() + "; each compile that changes the package pushes it. Press Ctrl-C to stop.");
      if (pushIfChanged(request, "at start")) {
        pushes++;
      }
      while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
        int changes = awaitQuiet(service, request.quiet(), keepGoing);
        if (changes == 0) {
          continue;
        }
        // New directories (a new package) are watched too; a directory deleted and made again is re-registered.
        register(service, request.classes());
        try {
          if (pushIfChanged(request, changes + " change" + (changes == 1 ? "" : "s") + " in " + request.classes())) {
            pushes++;
          } else {
            unchanged++;
          }
        } catch (WorkflowException | java.io.UncheckedIOException e) {
          // A compile half-written, a handler class renamed: the next compile may mend it; the watch goes on.
          listener.warn("Not pushed: " + e.getMessage());
        }
      }
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot watch " + request.classes() + ": " + e.getMessage(), e);
    } catch (ClosedWatchServiceException e) {
      // stopped
    }
    return new Result(pushes, unchanged);
  }

  /**
   * Waits for changes, then for {@code quiet} without any; returns how many there were (0 when none came
   * within one quiet period, so that the caller can ask whether to go on).
   */
  private static int awaitQuiet(WatchService service, Duration quiet, BooleanSupplier keepGoing) {
    int changes = 0;
    try {
      while (true) {
        WatchKey key = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
          return changes;
        }
        changes += key.pollEvents().size();
        key.reset();
        if (!keepGoing.getAsBoolean()) {
          return changes;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** Builds the package and pushes it when the function runs other code; says what it did in one line. */
  private boolean pushIfChanged(Request request, String why) {
    DeploymentZip.Result zip = request.packager().get();
    if (zip == null) {
      listener.info("Not pushed (" + why + "): " + request.classes() + " holds no file (a clean, or a compile under"
          + " way); waiting for the next compile.");
      return false;
    }
    // The deploy step's own lines go to debug: one line a push is what the user reads.
    WorkflowListener quiet = event -> listener.onEvent(event.level() == WorkflowEvent.Level.INFO
        ? new WorkflowEvent(WorkflowEvent.Level.DEBUG, event.message()) : event);
    CodePush.Result result = new CodePush(clients, quiet).push(new CodePush.Request(request.functionName(), zip, false,
        null));
    if (result.upToDate()) {
      listener.debug("Function " + request.functionName() + " already runs this package (" + why + ", CodeSha256 "
          + zip.codeSha256() + "): nothing pushed.");
      return false;
    }
    listener.info(String.format(Locale.ROOT, "Pushed %.1f KiB to function %s in %.1f s (%s; CodeSha256 %s).",
        result.bytesSent() / 1024.0, request.functionName(), result.elapsed().toMillis() / 1000.0, why,
        zip.codeSha256()));
    return true;
  }

  /** Registers the directory and every directory under it (registering one again is harmless). */
  private static void register(WatchService service, Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> dirs = Files.walk(root)) {
      for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
        try {
          dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        } catch (java.nio.file.NoSuchFileException e) {
          // deleted while walking: the next change registers what is there then
        }
      }
    } catch (java.io.UncheckedIOException e) {
      // a directory deleted while walking (a clean): the next change registers what is there then
    }
  }
}
