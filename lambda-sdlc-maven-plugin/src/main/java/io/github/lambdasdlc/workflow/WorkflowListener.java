package io.github.lambdasdlc.workflow;

/** Receives the workflow's progress. Implementations must not throw. */
@FunctionalInterface
public interface WorkflowListener {
  void onEvent(WorkflowEvent event);

  default void info(String message) {
    onEvent(new WorkflowEvent(WorkflowEvent.Level.INFO, message));
  }

  default void warn(String message) {
    onEvent(new WorkflowEvent(WorkflowEvent.Level.WARN, message));
  }

  default void debug(String message) {
    onEvent(new WorkflowEvent(WorkflowEvent.Level.DEBUG, message));
  }
}
