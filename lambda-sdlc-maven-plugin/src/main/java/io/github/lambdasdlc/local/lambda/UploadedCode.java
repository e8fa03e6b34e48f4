package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.lambda.code.CodeArchive;
import java.util.Base64;

/**
 * A deployment package from a request's {@code ZipFile}, checked as Lambda checks uploads. Code in S3 or
 * an image is refused: the local cloud has neither.
 */
record UploadedCode(byte[] zip, CodeArchive.Summary summary) {

  /**
   * Reads the code members of a request ({@code Code} of CreateFunction, or UpdateFunctionCode's body).
   *
   * @throws AwsError for missing, refused or invalid code
   */
  static UploadedCode from(JsonNode code) {
    if (code == null || code.isNull()) {
      throw LambdaErrors.validation("null", "code", "Member must not be null");
    }
    if (present(code, "S3Bucket") || present(code, "S3Key") || present(code, "S3ObjectVersion")) {
      throw LambdaErrors.invalid("The local cloud has no Amazon S3, so it cannot read code from S3Bucket/S3Key:"
          + " upload the .zip file directly as ZipFile (the AWS CLI's --zip-file fileb://function.zip).");
    }
    if (present(code, "ImageUri")) {
      throw LambdaErrors.invalid("The local cloud runs only .zip functions and has no container registry:"
          + " ImageUri is not supported; upload a .zip file as ZipFile.");
    }
    if (!present(code, "ZipFile")) {
      throw LambdaErrors.invalid("Please provide a source for function code: the local cloud accepts only ZipFile.");
    }
    byte[] zip;
    try {
      zip = Base64.getMimeDecoder().decode(code.get("ZipFile").asText());
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.badJson("ZipFile is not valid base64: " + e.getMessage());
    }
    if (zip.length > CodeArchive.MAX_ZIPPED_BYTES) {
      throw new AwsError(413, "RequestEntityTooLargeException",
          "Zipped size must be smaller than " + CodeArchive.MAX_ZIPPED_BYTES + " bytes");
    }
    if (zip.length >= 4 && !startsWith(zip, LOCAL_FILE_HEADER) && !startsWith(zip, END_OF_CENTRAL_DIRECTORY)) {
      // Not a zip at all (a reader would just see no entries): Lambda says it cannot unzip it.
      throw LambdaErrors.invalid("Could not unzip uploaded file. Please check your file, then try to upload again.");
    }
    return new UploadedCode(zip, CodeArchive.inspect(zip));
  }

  private static final byte[] LOCAL_FILE_HEADER = {'P', 'K', 3, 4};
  private static final byte[] END_OF_CENTRAL_DIRECTORY = {'P', 'K', 5, 6};

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  static boolean mentionsCode(ObjectNode req) {
    return present(req, "ZipFile") || present(req, "S3Bucket") || present(req, "S3Key") || present(req, "ImageUri");
  }

  private static boolean present(JsonNode node, String field) {
    JsonNode n = node.get(field);
    return n != null && !n.isNull();
  }
}
