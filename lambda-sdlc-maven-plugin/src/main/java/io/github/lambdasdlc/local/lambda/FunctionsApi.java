package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Lambda service as other services of the local cloud call it (CloudFormation's resource providers),
 * without HTTP. Requests and results are the JSON documents of Lambda's REST API, exactly as on the wire
 * (a {@code Code.ZipFile} is base64 text), so that both paths share one implementation and one set of
 * checks. Failures are thrown as {@link io.github.lambdasdlc.local.core.AwsError} with Lambda's codes and
 * messages.
 */
public interface FunctionsApi {

  /** CreateFunction: the request body; returns the FunctionConfiguration (State Pending). */
  ObjectNode createFunction(ObjectNode request);

  /** GetFunctionConfiguration; {@code qualifier} may be null for $LATEST. */
  ObjectNode getFunctionConfiguration(String functionName, String qualifier);

  /** UpdateFunctionConfiguration: the request body; returns the FunctionConfiguration (LastUpdateStatus InProgress). */
  ObjectNode updateFunctionConfiguration(String functionName, ObjectNode request);

  /** UpdateFunctionCode: the request body ({@code ZipFile} base64); returns the FunctionConfiguration. */
  ObjectNode updateFunctionCode(String functionName, ObjectNode request);

  /** DeleteFunction; {@code qualifier} may be null to delete the function with all its versions. */
  void deleteFunction(String functionName, String qualifier);

  /** PublishVersion: the request body; returns the version's FunctionConfiguration. */
  ObjectNode publishVersion(String functionName, ObjectNode request);

  /** CreateAlias: the request body; returns the AliasConfiguration. */
  ObjectNode createAlias(String functionName, ObjectNode request);

  /** UpdateAlias: the request body; returns the AliasConfiguration. */
  ObjectNode updateAlias(String functionName, String aliasName, ObjectNode request);

  /** DeleteAlias. */
  void deleteAlias(String functionName, String aliasName);

  /**
   * Invoke with InvocationType Event (as CloudFormation invokes a custom resource's function): queued, retried
   * on function errors as Lambda retries events; returns the invocation's request id.
   */
  String invokeEvent(String functionName, byte[] payload);

  /** CreateFunctionUrlConfig; {@code qualifier} (an alias) may be null. Returns the URL's configuration. */
  ObjectNode createFunctionUrlConfig(String functionName, String qualifier, ObjectNode request);

  /** GetFunctionUrlConfig; {@code qualifier} may be null. */
  ObjectNode getFunctionUrlConfig(String functionName, String qualifier);

  /** UpdateFunctionUrlConfig: changes the members the request gives. */
  ObjectNode updateFunctionUrlConfig(String functionName, String qualifier, ObjectNode request);

  /** DeleteFunctionUrlConfig. */
  void deleteFunctionUrlConfig(String functionName, String qualifier);
}
