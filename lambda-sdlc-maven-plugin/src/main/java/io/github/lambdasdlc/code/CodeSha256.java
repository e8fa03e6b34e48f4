package io.github.lambdasdlc.code;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Lambda's CodeSha256 of a deployment package: base64 of the SHA-256 of the zip's bytes. */
public final class CodeSha256 {
  private CodeSha256() {
  }

  /** The CodeSha256 of a whole zip in memory. */
  public static String of(byte[] zip) {
    return encode(newDigest().digest(zip));
  }

  /** A digest to feed a zip through while it is written; {@link #encode} turns its result into a CodeSha256. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /** A SHA-256 digest as Lambda writes it. */
  public static String encode(byte[] sha256) {
    return Base64.getEncoder().encodeToString(sha256);
  }
}
