package io.github.lambdasdlc.workflow;

import io.github.lambdasdlc.xml.XmlWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes event case results as a JUnit XML report (Surefire's format), which CI servers show as tests, through
 * the plugin's one {@link XmlWriter}.
 */
public final class JUnitReport {
  private JUnitReport() {
  }

  /** Writes {@code TEST-<suite>.xml} into the directory and returns its path. */
  public static Path write(Path directory, String suite, List<EventCaseRun.CaseResult> results) {
    long failures = results.stream().filter(r -> !r.passed() && !r.isError()).count();
    long errors = results.stream().filter(EventCaseRun.CaseResult::isError).count();
    double total = results.stream().mapToDouble(EventCaseRun.CaseResult::wallMs).sum() / 1000;
    XmlWriter x = new XmlWriter().declaration();
    x.start("testsuite", "name", suite, "tests", String.valueOf(results.size()), "failures", String.valueOf(failures),
        "errors", String.valueOf(errors), "skipped", "0", "time", seconds(total),
        "timestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    for (EventCaseRun.CaseResult r : results) {
      x.newline(1).start("testcase", "name", r.eventCase().name(), "classname", suite, "time",
          seconds(r.wallMs() / 1000));
      if (r.isError()) {
        x.newline(2).text("error", new String[] {"message", r.failure(), "type", "InvalidEventCase"}, r.failure());
      } else if (!r.passed()) {
        String type = r.functionError() != null ? "FunctionError" : "AssertionError";
        x.newline(2).text("failure", new String[] {"message", r.failure(), "type", type}, r.failure());
      }
      if (r.response() != null) {
        x.newline(2).text("system-out", r.response());
      }
      if (r.log() != null) {
        x.newline(2).text("system-err", r.log());
      }
      x.newline(1).end("testcase");
    }
    x.newline(0).end("testsuite").newline(0);
    Path file = directory.resolve("TEST-" + suite + ".xml");
    try {
      Files.createDirectories(directory);
      Files.writeString(file, x.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot write the test report " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
