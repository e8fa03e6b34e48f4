package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * {@code AWS::IAM::Role}, kept only in the stack (the local cloud has no IAM): a name unique in the
 * account, an ARN and a role id. Ref is the role name; GetAtt Arn and RoleId.
 */
public final class IamRoleProvider implements ResourceProvider {
  public static final String TYPE = "AWS::IAM::Role";
  private static final int MAX_NAME = 64;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("RoleName", "Path");
  }

  @Override
  public String nameProperty() {
    return "RoleName";
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    validate(ctx, props);
    String name = claimName(ctx, props, MAX_NAME);
    String path = path(props);
    return ResourceState.of(name, name)
        .withAttribute("Arn", "arn:aws:iam::" + ctx.cloud().accountId() + ":role" + path + name)
        // IAM role ids are AROA and 17 upper-case letters and digits.
        .withAttribute("RoleId", "AROA" + PhysicalNames.randomSuffix(17));
  }

  private static void validate(ProviderContext ctx, JsonNode props) {
    Props.required(ctx.logicalId(), props, "AssumeRolePolicyDocument");
    String name = Props.text(ctx.logicalId(), props, "RoleName");
    if (name != null && (name.isEmpty() || name.length() > MAX_NAME || !name.matches("[\\w+=,.@-]+"))) {
      throw ResourceFailure.invalidProperties(ctx.logicalId(), "#/RoleName: failed validation constraint for"
          + " keyword [pattern]");
    }
    String path = Props.text(ctx.logicalId(), props, "Path");
    if (path != null && !path.matches("(/)|(/[\\u0021-\\u007F]+/)")) {
      throw ResourceFailure.invalidProperties(ctx.logicalId(), "#/Path: failed validation constraint for"
          + " keyword [pattern]");
    }
  }

  private static String path(JsonNode props) {
    JsonNode p = props.get("Path");
    return p == null || p.isNull() ? "/" : p.asText();
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    validate(ctx, newProps);
    // Policies, tags, descriptions: the role keeps them only as the stack's properties.
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    // Nothing exists outside the stack.
  }
}
