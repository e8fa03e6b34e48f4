package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.cloudformation.ChangeSetRecord.ChangeRecord;
import io.github.lambdasdlc.local.cloudformation.ChangeSetRecord.DetailRecord;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;

/** The XML shapes of DescribeChangeSet and ListChangeSets (botocore's DescribeChangeSetOutput, ChangeSetSummary). */
final class ChangeSetXml {
  private ChangeSetXml() {
  }

  /** DescribeChangeSet's result; call with the stack's monitor held. */
  static void changeSet(XmlWriter w, StackRecord s, ChangeSetRecord cs) {
    w.text("ChangeSetName", cs.changeSetName)
        .text("ChangeSetId", cs.changeSetId)
        .text("StackId", s.stackId)
        .text("StackName", s.stackName)
        .text("Description", cs.description)
        .list("Parameters", new ArrayList<>(cs.parameters.entrySet()), (m, p) -> m
            .text("ParameterKey", p.getKey())
            .text("ParameterValue", cs.noEchoParameters.contains(p.getKey()) ? StackXml.MASK : p.getValue()))
        .time("CreationTime", StackRecord.time(cs.creationTime))
        .text("ExecutionStatus", cs.executionStatus)
        .text("Status", cs.status)
        .text("StatusReason", cs.statusReason)
        .textList("NotificationARNs", cs.notificationArns)
        .element("RollbackConfiguration", r -> { })
        .textList("Capabilities", cs.capabilities)
        .list("Tags", new ArrayList<>(cs.tags.entrySet()), StackXml::tag)
        .list("Changes", cs.changes, (m, c) -> m.text("Type", "Resource")
            .element("ResourceChange", r -> resourceChange(r, c)))
        .text("IncludeNestedStacks", false)
        .text("OnStackFailure", cs.onStackFailure);
  }

  private static void resourceChange(XmlWriter w, ChangeRecord c) {
    w.text("PolicyAction", c.policyAction)
        .text("Action", c.action)
        .text("LogicalResourceId", c.logicalId)
        .text("PhysicalResourceId", c.physicalId)
        .text("ResourceType", c.resourceType)
        .text("Replacement", c.replacement)
        .textList("Scope", c.scope)
        .list("Details", c.details, ChangeSetXml::detail);
  }

  private static void detail(XmlWriter w, DetailRecord d) {
    w.element("Target", t -> t.text("Attribute", d.attribute).text("Name", d.name)
            .text("RequiresRecreation", d.requiresRecreation))
        .text("Evaluation", d.evaluation)
        .text("ChangeSource", d.changeSource)
        .text("CausingEntity", d.causingEntity);
  }

  /** A {@code ChangeSetSummary} for ListChangeSets. */
  static void summary(XmlWriter w, StackRecord s, ChangeSetRecord cs) {
    w.text("StackId", s.stackId)
        .text("StackName", s.stackName)
        .text("ChangeSetId", cs.changeSetId)
        .text("ChangeSetName", cs.changeSetName)
        .text("ExecutionStatus", cs.executionStatus)
        .text("Status", cs.status)
        .text("StatusReason", cs.statusReason)
        .time("CreationTime", StackRecord.time(cs.creationTime))
        .text("Description", cs.description)
        .text("IncludeNestedStacks", false);
  }
}
