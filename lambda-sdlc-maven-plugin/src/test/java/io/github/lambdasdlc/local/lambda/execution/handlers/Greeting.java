package io.github.lambdasdlc.local.lambda.execution.handlers;

/** A POJO result. */
public class Greeting {
  private String message;

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
