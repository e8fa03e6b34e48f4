package io.github.lambdasdlc.local.cloudformation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One change set of a stack, as persisted with it: what it would apply (template, parameters, settings), its
 * statuses, and the changes computed when it was created. Guarded by its stack's monitor.
 */
public final class ChangeSetRecord {
  public String changeSetId;
  public String changeSetName;
  /** CREATE or UPDATE. */
  public String type;
  public String description;
  /** CREATE_PENDING, CREATE_IN_PROGRESS, CREATE_COMPLETE, FAILED (or DELETE_*). */
  public String status;
  public String statusReason;
  /** UNAVAILABLE, AVAILABLE, EXECUTE_IN_PROGRESS, EXECUTE_COMPLETE, EXECUTE_FAILED, OBSOLETE. */
  public String executionStatus;
  public String creationTime;
  public String templateBody;
  /** Every declared parameter's value, resolved when the change set was created. */
  public Map<String, String> parameters = new LinkedHashMap<>();
  public List<String> noEchoParameters = new ArrayList<>();
  public List<String> capabilities = new ArrayList<>();
  public Map<String, String> tags = new LinkedHashMap<>();
  public List<String> notificationArns = new ArrayList<>();
  public String roleArn;
  public String onStackFailure;
  public List<ChangeRecord> changes = new ArrayList<>();

  @JsonIgnore
  boolean executable() {
    return "CREATE_COMPLETE".equals(status) && "AVAILABLE".equals(executionStatus);
  }

  /** One resource change: {@code ResourceChange} of DescribeChangeSet. */
  public static final class ChangeRecord {
    /** Add, Modify or Remove. */
    public String action;
    public String logicalId;
    public String physicalId;
    public String resourceType;
    /** True, False or Conditional; null for Add and Remove. */
    public String replacement;
    /** Delete or Retain for a removal; else null. */
    public String policyAction;
    public List<String> scope = new ArrayList<>();
    public List<DetailRecord> details = new ArrayList<>();
  }

  /** One {@code ResourceChangeDetail}. */
  public static final class DetailRecord {
    public String attribute;
    public String name;
    /** Never, Conditionally or Always. */
    public String requiresRecreation;
    /** Static or Dynamic. */
    public String evaluation;
    public String changeSource;
    public String causingEntity;
  }
}
