package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One function URL as stored with its function: its id, the loopback port that serves it, and its settings. */
final class FunctionUrlRecord {
  /** 32 lower-case letters and digits, as AWS's url-id. */
  public String urlId;
  /** The loopback port the local cloud serves this URL on; kept across restarts so that the URL stays the same. */
  public int port;
  public String functionUrl;
  public String authType;
  /** The Cors structure as the request gave it; null when none. */
  public ObjectNode cors;
  public String invokeMode = "BUFFERED";
  public String creationTime;
  public String lastModifiedTime;
}
