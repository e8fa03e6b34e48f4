package io.github.lambdasdlc.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.AwsError;
import io.github.lambdasdlc.local.LocalContext;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.local.http.Service;

/** SCAFFOLD: replaced by the Lambda control plane. */
public final class LambdaService implements Service, FunctionsApi {
  public LambdaService(LocalContext context) {
  }

  @Override public String signingName() { return "lambda"; }
  @Override public boolean claims(HttpRequest r) { return r.path().startsWith("/2015-03-31/"); }
  @Override public HttpResponse handle(HttpRequest r) { throw todo(); }
  private static AwsError todo() { return new AwsError(500, "ServiceException", "not yet"); }
  @Override public ObjectNode createFunction(ObjectNode request) { throw todo(); }
  @Override public ObjectNode getFunctionConfiguration(String f, String q) { throw todo(); }
  @Override public ObjectNode updateFunctionConfiguration(String f, ObjectNode r) { throw todo(); }
  @Override public ObjectNode updateFunctionCode(String f, ObjectNode r) { throw todo(); }
  @Override public void deleteFunction(String f, String q) { throw todo(); }
  @Override public ObjectNode publishVersion(String f, ObjectNode r) { throw todo(); }
  @Override public ObjectNode createAlias(String f, ObjectNode r) { throw todo(); }
  @Override public ObjectNode updateAlias(String f, String a, ObjectNode r) { throw todo(); }
  @Override public void deleteAlias(String f, String a) { throw todo(); }
}
