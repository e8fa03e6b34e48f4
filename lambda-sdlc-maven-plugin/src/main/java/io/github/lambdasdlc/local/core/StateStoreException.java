package io.github.lambdasdlc.local.core;


/** The state directory cannot be used; the message says why and what to do. */
public final class StateStoreException extends LocalCloudException {
  private static final long serialVersionUID = 1L;

  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
