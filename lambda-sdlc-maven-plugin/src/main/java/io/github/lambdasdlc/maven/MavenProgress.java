package io.github.lambdasdlc.maven;

import io.github.lambdasdlc.workflow.WorkflowEvent;
import io.github.lambdasdlc.workflow.WorkflowListener;
import org.apache.maven.plugin.logging.Log;

/**
 * The one adapter from the workflow's progress events to Maven's log: progress and outcomes at INFO,
 * things to act on at WARN, details at DEBUG ({@code mvn -X}). The workflow never puts secrets in events.
 */
public final class MavenProgress implements WorkflowListener {
  private final Log log;

  public MavenProgress(Log log) {
    this.log = log;
  }

  @Override
  public void onEvent(WorkflowEvent event) {
    switch (event.level()) {
      case DEBUG -> log.debug(event.message());
      case WARN -> log.warn(event.message());
      default -> log.info(event.message());
    }
  }
}
