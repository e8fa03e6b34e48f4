package io.github.lambdasdlc.local.cloudformation.resources;

import io.github.lambdasdlc.local.core.AwsError;
import java.util.Map;
import java.util.UUID;

/** A resource operation failed; the message is the event's status reason, in CloudFormation's words. */
public final class ResourceFailure extends RuntimeException {
  private static final Map<String, String> HANDLER_CODES = Map.of(
      "ResourceNotFoundException", "NotFound",
      "ResourceConflictException", "ResourceConflict",
      "TooManyRequestsException", "Throttling",
      "ServiceException", "ServiceInternalError",
      "ResourceInUseException", "ResourceConflict");

  public ResourceFailure(String message) {
    super(message, null, false, false);
  }

  /** CloudFormation's wording when a resource's schema rejects its properties. */
  public static ResourceFailure invalidProperties(String logicalId, String problem) {
    return new ResourceFailure("Properties validation failed for resource " + logicalId + " with message: ["
        + problem + "]");
  }

  /** A resource handler's failure, worded as CloudFormation reports it. */
  public static ResourceFailure handler(String message, String handlerErrorCode) {
    return new ResourceFailure("Resource handler returned message: \"" + message + "\" (RequestToken: "
        + UUID.randomUUID() + ", HandlerErrorCode: " + handlerErrorCode + ")");
  }

  public static ResourceFailure alreadyExists(String type, String identifier) {
    return handler("Resource of type '" + type + "' with identifier '" + identifier + "' already exists.",
        "AlreadyExists");
  }

  /** A failure of the Lambda API, as CloudFormation's Lambda handlers report it. */
  public static ResourceFailure fromLambda(AwsError error) {
    String code = HANDLER_CODES.getOrDefault(error.code(), error.status() >= 500 ? "ServiceInternalError"
        : "InvalidRequest");
    return handler(error.getMessage() + " (Service: Lambda, Status Code: " + error.status() + ", Request ID: "
        + UUID.randomUUID() + ")", code);
  }
}
