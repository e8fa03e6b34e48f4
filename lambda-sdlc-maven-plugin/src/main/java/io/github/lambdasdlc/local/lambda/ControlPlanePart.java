package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.LocalContext;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * What the parts of Lambda's control plane ({@link LambdaFunctions}, {@link LambdaVersions},
 * {@link LambdaAliases}) share: the context, the function registry, the configuration view, and the checks
 * and stamps every operation on a function makes (it exists, it is not Pending or InProgress, the RevisionId
 * matches, the name carries no qualifier where none is allowed).
 */
abstract class ControlPlanePart {
  private static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  final LocalContext context;
  final FunctionRegistry registry;
  final ConfigurationView view;

  ControlPlanePart(LocalContext context, FunctionRegistry registry, ConfigurationView view) {
    this.context = context;
    this.registry = registry;
    this.view = view;
  }

  FunctionRecord existing(FunctionRef ref) {
    FunctionRecord r = registry.get(ref.name());
    if (r == null) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return r;
  }

  FunctionVersion version(FunctionRecord r, FunctionRef ref) {
    FunctionVersion v = FunctionRegistry.resolve(r, ref.qualifier());
    if (v == null) {
      throw LambdaErrors.functionNotFound(ref.arnAsNamed(context));
    }
    return v;
  }

  static void requireUnqualified(FunctionRef ref) {
    if (ref.qualifier() != null) {
      throw LambdaErrors.invalid("This operation is permitted on Lambda functions only. Aliases and versions do not"
          + " support this operation. Please specify either a function name or an unqualified function ARN.");
    }
  }

  void checkUpdatable(FunctionRecord r) {
    String arn = FunctionRef.arn(context, r.name);
    if ("Pending".equals(r.latest.state)) {
      throw LambdaErrors.stillPending(arn);
    }
    if ("InProgress".equals(r.latest.lastUpdateStatus)) {
      throw LambdaErrors.updateInProgress(arn);
    }
  }

  static void checkRevision(ObjectNode req, String current) {
    if (ConfigurationValidator.has(req, "RevisionId") && !req.get("RevisionId").asText().equals(current)) {
      throw LambdaErrors.revisionMismatch();
    }
  }

  String aliasArn(String functionName, String alias) {
    return FunctionRef.arn(context, functionName) + ":" + alias;
  }

  String now() {
    return LAST_MODIFIED.format(context.clock().instant());
  }

  static String newRevision() {
    return UUID.randomUUID().toString();
  }
}
