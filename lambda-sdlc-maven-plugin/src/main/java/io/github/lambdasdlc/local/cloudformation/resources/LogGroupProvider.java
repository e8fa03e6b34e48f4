package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/**
 * {@code AWS::Logs::LogGroup}, kept only in the stack: a name unique in the region, validated as
 * CloudWatch Logs does. Ref is the name; GetAtt Arn is {@code arn:aws:logs:<region>:<acct>:log-group:<name>:*}.
 */
public final class LogGroupProvider implements ResourceProvider {
  public static final String TYPE = "AWS::Logs::LogGroup";
  /** CloudWatch Logs' allowed retention periods. */
  static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
      731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
  private static final int MAX_NAME = 512;

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public Set<String> replacementProperties() {
    return Set.of("LogGroupName", "LogGroupClass");
  }

  @Override
  public String nameProperty() {
    return "LogGroupName";
  }

  @Override
  public ResourceState create(ProviderContext ctx, JsonNode props) {
    validate(ctx, props);
    String name = claimName(ctx, props, MAX_NAME);
    return ResourceState.of(name, name)
        .withAttribute("Arn", ctx.cloud().arn("logs", "log-group:" + name + ":*"));
  }

  private static void validate(ProviderContext ctx, JsonNode props) {
    String name = Props.text(ctx.logicalId(), props, "LogGroupName");
    if (name != null && (name.isEmpty() || name.length() > MAX_NAME || !name.matches("[.\\-_/#A-Za-z0-9]+"))) {
      throw ResourceFailure.invalidProperties(ctx.logicalId(), "#/LogGroupName: failed validation constraint for"
          + " keyword [pattern]");
    }
    JsonNode retention = props.get("RetentionInDays");
    if (retention != null && !retention.isNull()) {
      Integer days = null;
      try {
        days = Integer.valueOf(retention.asText().trim());
      } catch (NumberFormatException e) {
        // reported below
      }
      if (days == null || !RETENTION_DAYS.contains(days)) {
        throw ResourceFailure.invalidProperties(ctx.logicalId(), "#/RetentionInDays: " + retention.asText()
            + " is not a valid enum value");
      }
    }
  }

  @Override
  public ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProps, JsonNode newProps) {
    validate(ctx, newProps);
    return current;
  }

  @Override
  public void delete(ProviderContext ctx, ResourceState state) {
    // Nothing exists outside the stack.
  }
}
