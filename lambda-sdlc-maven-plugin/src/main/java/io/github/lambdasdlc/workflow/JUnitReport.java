package io.github.lambdasdlc.workflow;

import io.github.lambdasdlc.xml.XmlText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Writes event case results as a JUnit XML report (Surefire's format), which CI servers show as tests.
 */
public final class JUnitReport {
  private JUnitReport() {
  }

  /** Writes {@code TEST-<suite>.xml} into the directory and returns its path. */
  public static Path write(Path directory, String suite, List<EventCaseRun.CaseResult> results) {
    long failures = results.stream().filter(r -> !r.passed() && !r.isError()).count();
    long errors = results.stream().filter(EventCaseRun.CaseResult::isError).count();
    double total = results.stream().mapToDouble(EventCaseRun.CaseResult::wallMs).sum() / 1000;
    StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append(String.format(Locale.ROOT,
        "<testsuite name=\"%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"0\" time=\"%.3f\" timestamp=\"%s\">%n",
        esc(suite), results.size(), failures, errors, total, Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    for (EventCaseRun.CaseResult r : results) {
      x.append(String.format(Locale.ROOT, "  <testcase name=\"%s\" classname=\"%s\" time=\"%.3f\">%n",
          esc(r.eventCase().name()), esc(suite), r.wallMs() / 1000));
      if (r.isError()) {
        x.append("    <error message=\"").append(esc(r.failure())).append("\" type=\"InvalidEventCase\">")
            .append(esc(r.failure())).append("</error>\n");
      } else if (!r.passed()) {
        x.append("    <failure message=\"").append(esc(r.failure())).append("\" type=\"")
            .append(r.functionError() != null ? "FunctionError" : "AssertionError").append("\">")
            .append(esc(r.failure())).append("</failure>\n");
      }
      if (r.response() != null) {
        x.append("    <system-out>").append(esc(r.response())).append("</system-out>\n");
      }
      if (r.log() != null) {
        x.append("    <system-err>").append(esc(r.log())).append("</system-err>\n");
      }
      x.append("  </testcase>\n");
    }
    x.append("</testsuite>\n");
    Path file = directory.resolve("TEST-" + suite + ".xml");
    try {
      Files.createDirectories(directory);
      Files.writeString(file, x, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot write the test report " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** XML text, by the plugin's one rule. */
  static String esc(String s) {
    return XmlText.escape(s);
  }
}
