package io.github.lambdasdlc.workflow;

/**
 * One thing the workflow reports while it works. The Maven side turns these into log lines; tests
 * collect them.
 */
public record WorkflowEvent(Level level, String message) {

  /** How much the user needs to see it. */
  public enum Level {
    /** Details for {@code mvn -X}. */
    DEBUG,
    /** Progress and outcomes. */
    INFO,
    /** Something the user should act on, though the goal goes on. */
    WARN
  }
}
