package io.github.lambdasdlc.workflow;

/**
 * The workflow could not do what was asked. {@link #isUserFault()} tells whether the user can fix it
 * (a setting, a file, a state of the stack: the message then says how), or whether something failed
 * that the user did not cause (a service error, an I/O failure).
 */
public class WorkflowException extends RuntimeException {
  private final boolean userFault;

  protected WorkflowException(String message, Throwable cause, boolean userFault) {
    super(message, cause);
    this.userFault = userFault;
  }

  /** Something the user can fix; the message names the setting or file and the fix. */
  public static WorkflowException userError(String message) {
    return new WorkflowException(message, null, true);
  }

  public static WorkflowException userError(String message, Throwable cause) {
    return new WorkflowException(message, cause, true);
  }

  /** Something failed that the user did not cause. */
  public static WorkflowException failure(String message, Throwable cause) {
    return new WorkflowException(message, cause, false);
  }

  public boolean isUserFault() {
    return userFault;
  }
}
