package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.AwsError;

/**
 * Lambda's API errors with AWS's codes, statuses and wording (checked against botocore's
 * {@code lambda/2015-03-31/service-2.json} and responses recorded from AWS). Rendering is
 * {@link LambdaErrorRenderer}'s job.
 */
final class LambdaErrors {
  static final String NOT_FOUND = "ResourceNotFoundException";
  static final String CONFLICT = "ResourceConflictException";
  static final String INVALID = "InvalidParameterValueException";
  static final String VALIDATION = "ValidationException";
  static final String PRECONDITION = "PreconditionFailedException";
  static final String SERVICE = "ServiceException";

  private LambdaErrors() {
  }

  static AwsError functionNotFound(String arn) {
    return new AwsError(404, NOT_FOUND, "Function not found: " + arn);
  }

  static AwsError notFound(String message) {
    return new AwsError(404, NOT_FOUND, message);
  }

  static AwsError conflict(String message) {
    return new AwsError(409, CONFLICT, message);
  }

  static AwsError updateInProgress(String arn) {
    return conflict("The operation cannot be performed at this time. An update is in progress for resource: " + arn);
  }

  /** What AWS answers when a function is still being created (seen on UpdateFunctionCode while Pending). */
  static AwsError stillPending(String arn) {
    return conflict("The operation cannot be performed at this time. The resource " + arn
        + " is currently in the following state: 'Pending'. StateReasonCode: 'Creating'");
  }

  static AwsError invalid(String message) {
    return new AwsError(400, INVALID, message);
  }

  /** A request that breaks a constraint of the API model (length, pattern, range, enum). */
  static AwsError validation(String value, String member, String constraint) {
    return new AwsError(400, VALIDATION, "1 validation error detected: Value " + value + " at '" + member
        + "' failed to satisfy constraint: " + constraint);
  }

  static AwsError revisionMismatch() {
    return new AwsError(412, PRECONDITION, "The Revision Id provided does not match the latest Revision Id."
        + " Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
  }

  static AwsError service(String message) {
    return new AwsError(500, SERVICE, message);
  }

  static AwsError unknownOperation() {
    return new AwsError(404, "UnknownOperationException", "Unknown operation");
  }

  static AwsError badJson(String detail) {
    return new AwsError(400, "InvalidRequestContentException", "Could not parse request body into json: " + detail);
  }
}
