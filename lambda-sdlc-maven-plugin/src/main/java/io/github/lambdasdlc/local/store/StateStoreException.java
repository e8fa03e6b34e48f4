package io.github.lambdasdlc.local.store;

/** The state directory cannot be used; the message says why and what to do. */
public final class StateStoreException extends RuntimeException {
  public StateStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
