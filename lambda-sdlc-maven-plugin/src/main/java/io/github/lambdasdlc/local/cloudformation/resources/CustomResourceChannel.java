package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;

/** Where the providers of custom resources answer: the ResponseURL the local cloud serves for each request. */
public interface CustomResourceChannel {

  /** A new ResponseURL for the request, on the local cloud's own endpoint. */
  String responseUrl(String requestId);

  /** The answer PUT to the request's ResponseURL, once (it is forgotten then), or null while there is none. */
  JsonNode takeResponse(String requestId);
}
