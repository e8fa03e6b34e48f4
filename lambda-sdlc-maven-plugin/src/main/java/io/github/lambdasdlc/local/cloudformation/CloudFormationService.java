package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.AwsError;
import io.github.lambdasdlc.local.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;
import io.github.lambdasdlc.local.lambda.FunctionsApi;

/** SCAFFOLD: replaced by the CloudFormation control plane. */
public final class CloudFormationService implements Service {
  public CloudFormationService(LocalContext context, FunctionsApi lambda) {
  }

  @Override public String signingName() { return "cloudformation"; }
  @Override public boolean claims(HttpRequest r) { return r.bodyText().contains("Action="); }
  @Override public HttpResponse handle(HttpRequest r) { throw new AwsError(500, "InternalFailure", "not yet"); }
}
