package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the local cloud keeps of one stack, as persisted in {@code cloudformation/stacks/<uuid>.json}.
 * Mutable, and guarded by its own monitor: the HTTP threads read it and one background operation at a
 * time changes it. Timestamps are ISO-8601 text so that the file needs no extra Jackson module.
 */
public final class StackRecord {
  public String stackId;
  public String stackName;
  public String description;
  public String status;
  public String statusReason;
  public String templateBody;
  /** Every declared parameter's value, in template order. */
  public Map<String, String> parameters = new LinkedHashMap<>();
  /** Names of NoEcho parameters, masked in DescribeStacks. */
  public List<String> noEchoParameters = new ArrayList<>();
  public List<String> capabilities = new ArrayList<>();
  public List<String> notificationArns = new ArrayList<>();
  public Map<String, String> tags = new LinkedHashMap<>();
  public boolean disableRollback;
  public boolean enableTerminationProtection;
  public Integer timeoutInMinutes;
  public String roleArn;
  public String creationTime;
  public String lastUpdatedTime;
  public String deletionTime;
  /** Resources by logical id, in the order they were first created. */
  public Map<String, ResourceRecord> resources = new LinkedHashMap<>();
  public List<OutputRecord> outputs = new ArrayList<>();
  /** Export names this stack imports with Fn::ImportValue. */
  public List<String> imports = new ArrayList<>();
  /** Oldest first; DescribeStackEvents answers newest first. */
  public List<EventRecord> events = new ArrayList<>();
  /** The stack's change sets, oldest first. */
  public List<ChangeSetRecord> changeSets = new ArrayList<>();
  /** A counter that orders resources by creation, for deleting in reverse. */
  public long creationCounter;
  /**
   * Values the running operation derived from NoEcho parameters (see {@code SecretText}), masked in event
   * reasons as the parameters' own values are. In memory only, like the evaluation that found them.
   */
  @JsonIgnore
  public final java.util.Set<String> derivedSecrets = new java.util.LinkedHashSet<>();

  @JsonIgnore
  public String uuid() {
    return stackId.substring(stackId.lastIndexOf('/') + 1);
  }

  @JsonIgnore
  public boolean deleted() {
    return "DELETE_COMPLETE".equals(status);
  }

  @JsonIgnore
  public boolean inProgress() {
    return status != null && status.endsWith("_IN_PROGRESS");
  }

  static Instant time(String iso) {
    return iso == null ? null : Instant.parse(iso);
  }

  /** One resource of a stack. */
  public static final class ResourceRecord {
    public String logicalId;
    public String type;
    public String physicalId;
    public String status;
    public String statusReason;
    public String timestamp;
    public String deletionPolicy;
    public long order;
    /** The logical ids this resource depends on (DependsOn and references), for deleting in reverse. */
    public List<String> dependsOn = new ArrayList<>();
    /** What {@code Ref} answers. */
    public String ref;
    /** The {@code Fn::GetAtt} values by attribute name. */
    public com.fasterxml.jackson.databind.node.ObjectNode attributes;
    /** The resolved properties the resource was last created or updated with. */
    public com.fasterxml.jackson.databind.JsonNode properties;
    /** Provider-private state (pending work, say). */
    public com.fasterxml.jackson.databind.node.ObjectNode data;

    ResourceRecord copy() {
      ResourceRecord r = new ResourceRecord();
      r.logicalId = logicalId;
      r.type = type;
      r.physicalId = physicalId;
      r.status = status;
      r.statusReason = statusReason;
      r.timestamp = timestamp;
      r.deletionPolicy = deletionPolicy;
      r.order = order;
      r.dependsOn = new ArrayList<>(dependsOn);
      r.ref = ref;
      r.attributes = attributes == null ? null : attributes.deepCopy();
      r.properties = properties == null ? null : properties.deepCopy();
      r.data = data == null ? null : data.deepCopy();
      return r;
    }
  }

  /** One stack output. */
  public static final class OutputRecord {
    public String key;
    public String value;
    public String description;
    public String exportName;
    /** Whether DescribeStacks masks the value: it derives from a NoEcho custom resource's answer. */
    public boolean masked;

    public OutputRecord() {
    }

    OutputRecord(String key, String value, String description, String exportName, boolean masked) {
      this.key = key;
      this.value = value;
      this.description = description;
      this.exportName = exportName;
      this.masked = masked;
    }
  }

  /** One stack event. */
  public static final class EventRecord {
    public String eventId;
    public String logicalId;
    public String physicalId;
    public String type;
    public String timestamp;
    public String status;
    public String reason;
    public String properties;
  }
}
