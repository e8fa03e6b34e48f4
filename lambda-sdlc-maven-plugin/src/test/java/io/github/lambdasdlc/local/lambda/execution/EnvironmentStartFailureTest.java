package io.github.lambdasdlc.local.lambda.execution;

import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.function;
import static io.github.lambdasdlc.local.lambda.execution.TestFunctions.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.ExecutableFunction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An environment whose runtime cannot start (here: a stored environment value with NUL, which the control
 * plane now refuses but older state may hold) leaves nothing behind and quotes no value (issue 12, item 4).
 */
class EnvironmentStartFailureTest {
  static final String SECRET = "hunter2-TOPSECRET";

  @TempDir
  Path dir;

  @Test
  void aRuntimeThatCannotStartClosesItsRuntimeApiAndQuotesNoValue() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        logged.add(new SimpleFormatter().format(record));
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger.getLogger("io.github.lambdasdlc").addHandler(capture);
    LocalContext context = TestFunctions.context(dir.resolve("state"), b -> b);
    ExecutionEngine engine = new ExecutionEngine(context, logged::add);
    try {
      byte[] zip = TestFunctions.pythonZip("index.py", "def handler(event, context):\n    return 'ok'\n");
      ExecutableFunction broken = function(dir, "nul", "python3.12", "index.handler", zip, 10,
          Map.of("API_TOKEN", SECRET + "\0x"));
      long before = openSockets();
      for (int i = 0; i < 6; i++) {
        assertThatThrownBy(() -> engine.invoke(broken, request(broken, "{}")))
            .isInstanceOfSatisfying(AwsError.class, e -> {
              assertThat(e.status()).isEqualTo(500);
              assertThat(e.code()).isEqualTo("ServiceException");
              assertThat(e.getMessage()).contains(broken.functionArn()).doesNotContain(SECRET);
            });
      }
      // Before the fix every attempt left a listening Runtime API behind (3 open ports became 11).
      assertThat(openSockets()).isLessThanOrEqualTo(before);
      assertThat(logged).anyMatch(l -> l.contains("API_TOKEN")).noneMatch(l -> l.contains(SECRET));

      ExecutableFunction fine = function(dir, "fine", "python3.12", "index.handler", zip, 10, Map.of());
      assertThat(engine.invoke(fine, request(fine, "{}")).functionError()).isNull();
    } finally {
      Logger.getLogger("io.github.lambdasdlc").removeHandler(capture);
      engine.close();
      TestFunctions.closeContext(context);
    }
  }

  /** This JVM's open sockets (Linux). */
  private static long openSockets() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
          return false; // closed meanwhile
        }
      }).count();
    }
  }
}
