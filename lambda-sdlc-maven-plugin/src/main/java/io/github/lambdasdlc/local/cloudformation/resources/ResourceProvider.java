package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;

/**
 * Creates, updates and deletes the resources of one CloudFormation type. Failures are thrown as
 * {@link ResourceFailure} whose message becomes the resource event's status reason.
 */
public interface ResourceProvider {

  /** The CloudFormation type, such as {@code AWS::Lambda::Function}. */
  String type();

  /** Starts creating the resource from its resolved properties. */
  ResourceState create(ProviderContext ctx, JsonNode properties);

  /**
   * Whether the resource has reached its final state after a create or update (a Lambda function is
   * Active, its update Successful), doing any work left in {@link ResourceState#data()}.
   *
   * @return null when it has; otherwise how long to wait before asking again
   */
  default Duration stabilize(ProviderContext ctx, ResourceState state) {
    return null;
  }

  /**
   * Whether a deletion {@link #delete} started has finished (a custom resource's provider answered).
   *
   * @return null when it has; otherwise how long to wait before asking again
   */
  default Duration stabilizeDelete(ProviderContext ctx, ResourceState state) {
    return null;
  }

  /** The reason of the resource's CREATE_COMPLETE and UPDATE_COMPLETE events; null for none. */
  default String completeReason() {
    return null;
  }

  /** The properties whose change needs a new physical resource ("Update requires: Replacement"). */
  Set<String> replacementProperties();

  /** The property that gives the resource a custom name, or null when the type has none. */
  default String nameProperty() {
    return null;
  }

  /** Updates the resource in place from {@code oldProperties} to {@code newProperties}. */
  ResourceState update(ProviderContext ctx, ResourceState current, JsonNode oldProperties, JsonNode newProperties);

  /** Deletes the resource; a resource already gone is not a failure. */
  void delete(ProviderContext ctx, ResourceState state);

  /**
   * The physical name of a new resource: the template's {@link #nameProperty()} value, else a generated
   * {@code <stack>-<logicalId>-<suffix>} name of at most {@code maxLength} characters; refused when another
   * resource of this type already has it, as AWS refuses a name taken in the account.
   */
  default String claimName(ProviderContext ctx, JsonNode props, int maxLength) {
    String name = Props.text(ctx.logicalId(), props, nameProperty());
    if (name == null) {
      name = ctx.generatedName(maxLength);
    }
    if (ctx.physicalIdTaken().test(type(), name)) {
      throw ResourceFailure.alreadyExists(type(), name);
    }
    return name;
  }

  /** Whether going from {@code oldProperties} to {@code newProperties} replaces the resource. */
  default boolean requiresReplacement(JsonNode oldProperties, JsonNode newProperties) {
    for (String name : replacementProperties()) {
      if (!java.util.Objects.equals(oldProperties.get(name), newProperties.get(name))) {
        return true;
      }
    }
    return false;
  }
}
