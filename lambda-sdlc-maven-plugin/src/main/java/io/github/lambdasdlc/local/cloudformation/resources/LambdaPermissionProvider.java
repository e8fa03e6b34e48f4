package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.local.core.AwsError;
import java.util.Set;

/**
 * {@code AWS::Lambda::Permission}, kept in the stack (the local Lambda service enforces no resource
 * policies): the function must exist. Its id is the policy statement id CloudFormation generates,
 * {@code <stack>-<logicalId>-<random>}; Ref and GetAtt Id return it. Every property requires replacement.
 */
public final class LambdaPermissionProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Lambda::Permission";
  /** Lambda's limit on a statement id. */
  private static final int MAX_STATEMENT_ID = 100;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("Action", "FunctionName", "Principal", "SourceArn", "SourceAccount", "EventSourceToken",
        "FunctionUrlAuthType", "PrincipalOrgID", "InvokedViaFunctionUrl");
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    Props.requiredText(ctx.logicalId(), props, "Action");
    Props.requiredText(ctx.logicalId(), props, "Principal");
    String function = Props.requiredText(ctx.logicalId(), props, "FunctionName");
    try {
      ctx.lambda().getFunctionConfiguration(function, null);
    } catch (AwsError e) {
      throw ResourceFailure.fromLambda(e);
    }
    String id = ctx.generatedName(MAX_STATEMENT_ID);
    return ResourceState.of(id, id).withAttribute("Id", id);
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    // The statement exists only in the stack.
  }
}
