package io.github.lambdasdlc.maven;

import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.logging.SystemStreamLog;

/** A Maven log that also keeps every line, prefixed with its level, for assertions. */
final class CapturingLog extends SystemStreamLog {
  final List<String> lines = new ArrayList<>();

  @Override
  public void info(CharSequence content) {
    lines.add("INFO " + content);
    super.info(content);
  }

  @Override
  public void warn(CharSequence content) {
    lines.add("WARN " + content);
    super.warn(content);
  }

  @Override
  public void debug(CharSequence content) {
    lines.add("DEBUG " + content);
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  String text() {
    return String.join("\n", lines);
  }
}
