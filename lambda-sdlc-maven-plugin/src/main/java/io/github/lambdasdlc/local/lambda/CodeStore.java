package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.StateStore;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Deployment packages in the state directory, one file per distinct zip named by its SHA-256 in hex, so
 * that versions with the same code share one file. A file is removed once no version uses it.
 */
final class CodeStore {
  /** Where GetFunction's Code.Location points: the local cloud serves the stored zip there. */
  static final String DOWNLOAD_PREFIX = "/local-cloud/lambda/code/";
  private static final String DIR = "lambda/code";
  private final StateStore store;

  CodeStore(StateStore store) {
    this.store = store;
  }

  /** The file name part for a CodeSha256 (base64): its hex form, safe in paths and URLs. */
  static String hex(String codeSha256) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
  }

  /** GetFunction's {@code Code.Location} of a zip: a presigned S3 URL on AWS, an address of this cloud here. */
  static String downloadUrl(String baseUrl, String codeSha256) {
    return baseUrl + DOWNLOAD_PREFIX + hex(codeSha256) + ".zip";
  }

  /** Stores a zip unless the same bytes are already there. */
  void put(String codeSha256, byte[] zip) {
    String relative = relative(hex(codeSha256));
    if (!store.exists(relative)) {
      store.writeBytes(relative, zip);
    }
  }

  Path path(String codeSha256) {
    return store.path(relative(hex(codeSha256)));
  }

  boolean existsHex(String hex) {
    return hex.matches("[0-9a-f]{64}") && store.exists(relative(hex));
  }

  Path pathOfHex(String hex) {
    return store.path(relative(hex));
  }

  /** Removes every stored zip whose CodeSha256 is not in {@code inUse}. */
  void retainOnly(Set<String> inUseSha256) {
    Set<String> keep = new java.util.HashSet<>();
    inUseSha256.forEach(s -> keep.add(hex(s) + ".zip"));
    for (String file : store.list(DIR)) {
      if (!keep.contains(file)) {
        store.delete(DIR + "/" + file);
      }
    }
  }

  private static String relative(String hex) {
    return DIR + "/" + hex + ".zip";
  }
}
