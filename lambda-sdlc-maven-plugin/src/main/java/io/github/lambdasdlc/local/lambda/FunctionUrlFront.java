package io.github.lambdasdlc.local.lambda;

import java.net.URI;

/**
 * What serves function URLs over HTTP. The control plane tells it which URLs exist; it tells the control
 * plane where each one is reachable.
 */
public interface FunctionUrlFront {

  /**
   * Starts serving a URL (or keeps serving it) and returns its address.
   *
   * @param urlId the URL's id
   * @param port the port it was served on before, so that its URL stays the same across restarts; 0 for a new one
   */
  URI serve(String urlId, int port);

  /** Stops serving a URL; nothing happens when it is not served. */
  void stop(String urlId);
}
