package io.github.lambdasdlc.local.core;

/**
 * An error as AWS reports it: an HTTP status, an error code and a message. Each protocol renders it in
 * its own shape (Query XML for CloudFormation, a JSON body and {@code x-amzn-ErrorType} for Lambda).
 * Messages must be AWS's own wording wherever clients or users match on them.
 */
public class AwsError extends RuntimeException {
  private final int status;
  private final String code;
  private final boolean senderFault;

  public AwsError(int status, String code, String message) {
    this(status, code, message, status < 500);
  }

  public AwsError(int status, String code, String message, boolean senderFault) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.senderFault = senderFault;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /**
   * Members of the error document beyond the code and message that some errors carry, such as the
   * {@code Reason} of Lambda's TooManyRequestsException. Empty for most errors.
   */
  public java.util.Map<String, String> details() {
    return java.util.Map.of();
  }

  /** {@code Sender} (the caller's fault) or {@code Receiver} (the service's), as in Query error documents. */
  public boolean senderFault() {
    return senderFault;
  }
}
