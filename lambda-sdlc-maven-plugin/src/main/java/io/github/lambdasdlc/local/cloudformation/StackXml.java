package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.cloudformation.StackRecord.EventRecord;
import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The XML shapes of CloudFormation's stack, event and resource types (botocore's Stack, StackEvent, ...). */
final class StackXml {
  /** What DescribeStacks shows instead of a NoEcho parameter's value. */
  static final String MASK = "****";

  private StackXml() {
  }

  /** A {@code Stack}; call with the stack's monitor held. */
  static void stack(XmlWriter w, StackRecord s) {
    w.text("StackId", s.stackId)
        .text("StackName", s.stackName)
        .text("Description", s.description)
        .list("Parameters", new ArrayList<>(s.parameters.entrySet()), (m, p) -> m
            .text("ParameterKey", p.getKey())
            .text("ParameterValue", s.noEchoParameters.contains(p.getKey()) ? MASK : p.getValue()))
        .time("CreationTime", StackRecord.time(s.creationTime))
        .time("DeletionTime", StackRecord.time(s.deletionTime))
        .time("LastUpdatedTime", StackRecord.time(s.lastUpdatedTime))
        .element("RollbackConfiguration", r -> { })
        .text("StackStatus", s.status)
        .text("StackStatusReason", s.statusReason)
        .text("DisableRollback", s.disableRollback)
        .textList("NotificationARNs", s.notificationArns)
        .text("TimeoutInMinutes", s.timeoutInMinutes)
        .textList("Capabilities", s.capabilities)
        .list("Outputs", s.outputs, (m, o) -> m
            .text("OutputKey", o.key)
            .text("OutputValue", o.masked ? MASK : o.value)
            .text("Description", o.description)
            .text("ExportName", o.exportName))
        .text("RoleARN", s.roleArn)
        .list("Tags", new ArrayList<>(s.tags.entrySet()), StackXml::tag)
        .text("EnableTerminationProtection", s.enableTerminationProtection)
        .element("DriftInformation", d -> d.text("StackDriftStatus", "NOT_CHECKED"));
  }

  static void tag(XmlWriter m, Map.Entry<String, String> t) {
    m.text("Key", t.getKey()).text("Value", t.getValue());
  }

  /** A {@code StackSummary} for ListStacks. */
  static void summary(XmlWriter w, StackRecord s) {
    w.text("StackId", s.stackId)
        .text("StackName", s.stackName)
        .text("TemplateDescription", s.description)
        .time("CreationTime", StackRecord.time(s.creationTime))
        .time("LastUpdatedTime", StackRecord.time(s.lastUpdatedTime))
        .time("DeletionTime", StackRecord.time(s.deletionTime))
        .text("StackStatus", s.status)
        .text("StackStatusReason", s.statusReason)
        .element("DriftInformation", d -> d.text("StackDriftStatus", "NOT_CHECKED"));
  }

  static void event(XmlWriter w, StackRecord s, EventRecord e) {
    w.text("StackId", s.stackId)
        .text("EventId", e.eventId)
        .text("StackName", s.stackName)
        .text("LogicalResourceId", e.logicalId)
        .text("PhysicalResourceId", e.physicalId == null ? "" : e.physicalId)
        .text("ResourceType", e.type)
        .time("Timestamp", StackRecord.time(e.timestamp))
        .text("ResourceStatus", e.status)
        .text("ResourceStatusReason", e.reason)
        .text("ResourceProperties", e.properties);
  }

  /** A {@code StackResource} (DescribeStackResources). */
  static void resource(XmlWriter w, StackRecord s, ResourceRecord r) {
    w.text("StackName", s.stackName)
        .text("StackId", s.stackId)
        .text("LogicalResourceId", r.logicalId)
        .text("PhysicalResourceId", r.physicalId)
        .text("ResourceType", r.type)
        .time("Timestamp", StackRecord.time(r.timestamp))
        .text("ResourceStatus", r.status)
        .text("ResourceStatusReason", r.statusReason)
        .element("DriftInformation", d -> d.text("StackResourceDriftStatus", "NOT_CHECKED"));
  }

  /** A {@code StackResourceDetail} (DescribeStackResource). */
  static void resourceDetail(XmlWriter w, StackRecord s, ResourceRecord r) {
    w.text("StackName", s.stackName)
        .text("StackId", s.stackId)
        .text("LogicalResourceId", r.logicalId)
        .text("PhysicalResourceId", r.physicalId)
        .text("ResourceType", r.type)
        .time("LastUpdatedTimestamp", StackRecord.time(r.timestamp))
        .text("ResourceStatus", r.status)
        .text("ResourceStatusReason", r.statusReason)
        .element("DriftInformation", d -> d.text("StackResourceDriftStatus", "NOT_CHECKED"));
  }

  /** A {@code StackResourceSummary} (ListStackResources). */
  static void resourceSummary(XmlWriter w, ResourceRecord r) {
    w.text("LogicalResourceId", r.logicalId)
        .text("PhysicalResourceId", r.physicalId)
        .text("ResourceType", r.type)
        .time("LastUpdatedTimestamp", StackRecord.time(r.timestamp))
        .text("ResourceStatus", r.status)
        .text("ResourceStatusReason", r.statusReason)
        .element("DriftInformation", d -> d.text("StackResourceDriftStatus", "NOT_CHECKED"));
  }

  /** Events newest first. */
  static List<EventRecord> newestFirst(StackRecord s) {
    List<EventRecord> list = new ArrayList<>(s.events);
    java.util.Collections.reverse(list);
    return list;
  }
}
