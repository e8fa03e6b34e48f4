package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a function URL invokes and how it is guarded, as the HTTP front needs it for one request.
 *
 * @param urlId the URL's id (the event's {@code requestContext.apiId} and {@code domainPrefix})
 * @param functionName the function's name
 * @param qualifier the alias the URL belongs to, or null for the unqualified function
 * @param authType {@code NONE} or {@code AWS_IAM}
 * @param cors the URL's Cors settings, or null when it has none
 */
public record FunctionUrlTarget(String urlId, String functionName, String qualifier, String authType, JsonNode cors) {

  public boolean requiresSignature() {
    return "AWS_IAM".equals(authType);
  }
}
