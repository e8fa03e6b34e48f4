package io.github.lambdasdlc.cfn;

/**
 * A template, its parameters or an intrinsic function cannot be used. The message is CloudFormation's
 * own wording (such as {@code Template format error: ...} or {@code Parameters: [X] must have values}),
 * because the API reports it as a {@code ValidationError} and users search for those words.
 */
public final class TemplateException extends RuntimeException {
  public TemplateException(String message) {
    super(message, null, false, false);
  }
}
