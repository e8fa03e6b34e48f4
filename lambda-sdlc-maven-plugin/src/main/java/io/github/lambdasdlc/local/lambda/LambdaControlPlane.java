package io.github.lambdasdlc.local.lambda;

import io.github.lambdasdlc.local.core.LocalContext;
import java.util.function.Consumer;

/**
 * Lambda's control plane, by job: functions, versions, aliases and account settings, each with AWS's
 * checks, states and errors ({@link LambdaOperations} routes the REST API onto them; {@link LambdaService}
 * offers them to the other services as {@link FunctionsApi}).
 */
record LambdaControlPlane(LambdaFunctions functions, LambdaVersions versions, LambdaAliases aliases,
    LambdaAccount account) {

  static LambdaControlPlane create(LocalContext context, FunctionRegistry registry, StateTransitions transitions,
      Consumer<String> onFunctionDeleted) {
    ConfigurationView view = new ConfigurationView(context);
    LambdaVersions versions = new LambdaVersions(context, registry, view);
    return new LambdaControlPlane(
        new LambdaFunctions(context, registry, view, transitions, versions, onFunctionDeleted),
        versions, new LambdaAliases(context, registry, view), new LambdaAccount(registry));
  }
}
