package io.github.lambdasdlc.local.cloudformation.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;

/**
 * What a provider made: the physical id, the value of {@code Ref}, the {@code Fn::GetAtt} attributes
 * and any private data it needs later (kept with the stack, so it survives a restart).
 */
public final class ResourceState {
  private String physicalId;
  private String ref;
  private final ObjectNode attributes;
  private final ObjectNode data;

  public ResourceState(String physicalId, String ref, ObjectNode attributes, ObjectNode data) {
    this.physicalId = physicalId;
    this.ref = ref;
    this.attributes = attributes == null ? Json.MAPPER.createObjectNode() : attributes;
    this.data = data == null ? Json.MAPPER.createObjectNode() : data;
  }

  public static ResourceState of(String physicalId, String ref) {
    return new ResourceState(physicalId, ref, null, null);
  }

  public String physicalId() {
    return physicalId;
  }

  public String ref() {
    return ref;
  }

  public ObjectNode attributes() {
    return attributes;
  }

  public ObjectNode data() {
    return data;
  }

  /** Sets the physical id and Ref once they are known (a custom resource's, from its provider's answer). */
  public ResourceState identified(String physicalId, String ref) {
    this.physicalId = physicalId;
    this.ref = ref;
    return this;
  }

  public ResourceState withAttribute(String name, String value) {
    if (value != null) {
      attributes.put(name, value);
    }
    return this;
  }
}
