package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Lambda's REST requests onto their operations ({@link LambdaOperations}) and the code download address.
 * Unknown paths and methods get Lambda's 404 UnknownOperationException.
 */
final class LambdaRoutes {
  /** CreateFunction and UpdateFunctionCode requests: a 50 MiB zip in base64, plus the rest of the document. */
  static final int MAX_CODE_REQUEST_BYTES = 70_167_211;

  /** The parts of the service the operations' handlers call. */
  record Parts(LocalContext context, LambdaControlPlane plane, InvokeHandler invoker,
      EventInvokeConfigs eventInvokeConfigs, FunctionUrlConfigs urls) {
  }

  private final Parts parts;
  private final FunctionRegistry registry;

  LambdaRoutes(Parts parts, FunctionRegistry registry) {
    this.parts = parts;
    this.registry = registry;
  }

  /** Whether a path is Lambda's: one of its API versions or the code download address. */
  static boolean claims(String path) {
    return LambdaOperations.claims(path) || path.startsWith(CodeStore.DOWNLOAD_PREFIX);
  }

  HttpResponse handle(HttpRequest req) {
    try {
      return route(req);
    } catch (AwsError e) {
      return LambdaErrorRenderer.render(e);
    }
  }

  private HttpResponse route(HttpRequest req) {
    Map<String, String> query = queryOf(req);
    if (req.path().startsWith(CodeStore.DOWNLOAD_PREFIX)) {
      if (!req.method().equals("GET")) {
        throw LambdaErrors.unknownOperation();
      }
      return code(req.path().substring(CodeStore.DOWNLOAD_PREFIX.length()));
    }
    LambdaOperations.Match match = LambdaOperations.find(req.method(), req.path())
        .orElseThrow(LambdaErrors::unknownOperation);
    LambdaOperation operation = match.operation();
    return operation.handler().handle(new LambdaCall(operation, req, match.labels(), query, parts));
  }

  /**
   * The operation a method and path ask for (Lambda's model's name), without checking names: null for paths
   * that are no Lambda operation (the code download address stands in for S3, not Lambda).
   */
  static String operationName(String method, String path) {
    return LambdaOperations.find(method, path).map(m -> m.operation().name()).orElse(null);
  }

  private HttpResponse code(String file) {
    String hex = file.endsWith(".zip") ? file.substring(0, file.length() - 4) : "";
    boolean known = registry.locked(() -> registry.code().existsHex(hex));
    if (!known) {
      throw LambdaErrors.notFound("The requested code package does not exist (its function or version was deleted).");
    }
    try {
      return new HttpResponse(200, "application/zip", Files.readAllBytes(registry.code().pathOfHex(hex)));
    } catch (IOException e) {
      // The details go to the log (LambdaService); a response never carries an exception's text.
      throw new java.io.UncheckedIOException("Cannot read the stored code package " + hex, e);
    }
  }

  /** The query parameters; a query string that is not valid URL encoding is the caller's error. */
  private static Map<String, String> queryOf(HttpRequest req) {
    try {
      return req.queryParameters();
    } catch (IllegalArgumentException e) {
      throw LambdaErrors.invalid("The query string is not valid URL encoding: " + e.getMessage());
    }
  }
}
