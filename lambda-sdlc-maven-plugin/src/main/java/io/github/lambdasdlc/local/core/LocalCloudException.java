package io.github.lambdasdlc.local.core;

/**
 * The local cloud cannot use its state directory: it is not writable, is held by another process, is of
 * another format, or is not a local cloud's at all. The message says which, and what to do.
 */
public class LocalCloudException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LocalCloudException(String message, Throwable cause) {
    super(message, cause);
  }
}
