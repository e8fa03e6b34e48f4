package io.github.lambdasdlc.local.cloudformation;

import static io.github.lambdasdlc.local.cloudformation.CloudFormationErrors.NAME_OR_ID_PATTERN;

import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The read operations: DescribeStacks, DescribeStackEvents, DescribeStackResource(s), List*, GetTemplate. */
final class StackQueries {
  static final int STACKS_PAGE = 100;
  static final int EVENTS_PAGE = 100;
  static final int RESOURCES_PAGE = 100;
  static final int SUMMARIES_PAGE = 100;
  static final int EXPORTS_PAGE = 100;
  static final Set<String> STATUSES = Set.of("CREATE_IN_PROGRESS", "CREATE_FAILED", "CREATE_COMPLETE",
      "ROLLBACK_IN_PROGRESS", "ROLLBACK_FAILED", "ROLLBACK_COMPLETE", "DELETE_IN_PROGRESS", "DELETE_FAILED",
      "DELETE_COMPLETE", "UPDATE_IN_PROGRESS", "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_COMPLETE",
      "UPDATE_FAILED", "UPDATE_ROLLBACK_IN_PROGRESS", "UPDATE_ROLLBACK_FAILED",
      "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", "UPDATE_ROLLBACK_COMPLETE", "REVIEW_IN_PROGRESS",
      "IMPORT_IN_PROGRESS", "IMPORT_COMPLETE", "IMPORT_ROLLBACK_IN_PROGRESS", "IMPORT_ROLLBACK_FAILED",
      "IMPORT_ROLLBACK_COMPLETE");

  private final StackRepository stacks;
  private final Exports exports;

  StackQueries(StackRepository stacks, Exports exports) {
    this.stacks = stacks;
    this.exports = exports;
  }

  void describeStacks(QueryRequest q, XmlWriter w) {
    String name = q.get("StackName");
    new CloudFormationErrors.Constraints().pattern("stackName", name, NAME_OR_ID_PATTERN).check();
    List<StackRecord> list;
    if (name != null) {
      list = List.of(stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackWithIdDoesNotExist(name)));
    } else {
      list = stacks.live();
    }
    Page<StackRecord> page = Page.of(list, q.get("NextToken"), STACKS_PAGE);
    w.list("Stacks", page.items(), (m, s) -> {
      synchronized (s) {
        StackXml.stack(m, s);
      }
    });
    w.text("NextToken", page.nextToken());
  }

  private StackRecord required(QueryRequest q) {
    String name = q.get("StackName");
    new CloudFormationErrors.Constraints().notNull("stackName", name).pattern("stackName", name, NAME_OR_ID_PATTERN)
        .check();
    return stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
  }

  void describeStackEvents(QueryRequest q, XmlWriter w) {
    StackRecord s = required(q);
    synchronized (s) {
      Page<StackRecord.EventRecord> page = Page.of(StackXml.newestFirst(s), q.get("NextToken"), EVENTS_PAGE);
      w.list("StackEvents", page.items(), (m, e) -> StackXml.event(m, s, e));
      w.text("NextToken", page.nextToken());
    }
  }

  void describeStackResource(QueryRequest q, XmlWriter w) {
    String logicalId = q.get("LogicalResourceId");
    new CloudFormationErrors.Constraints().notNull("stackName", q.get("StackName"))
        .notNull("logicalResourceId", logicalId).check();
    StackRecord s = required(q);
    synchronized (s) {
      ResourceRecord r = s.resources.get(logicalId);
      if (r == null) {
        throw CloudFormationErrors.validation("Resource " + logicalId + " does not exist for stack " + s.stackName);
      }
      w.element("StackResourceDetail", d -> StackXml.resourceDetail(d, s, r));
    }
  }

  void describeStackResources(QueryRequest q, XmlWriter w) {
    String name = q.get("StackName");
    String physicalId = q.get("PhysicalResourceId");
    String logicalId = q.get("LogicalResourceId");
    StackRecord s;
    if (name != null) {
      s = required(q);
    } else if (physicalId != null) {
      s = stacks.live().stream().filter(st -> {
        synchronized (st) {
          return st.resources.values().stream().anyMatch(r -> physicalId.equals(r.physicalId));
        }
      }).findFirst().orElseThrow(() -> CloudFormationErrors.validation("Stack for " + physicalId + " does not exist"));
    } else {
      throw CloudFormationErrors.validation("Either StackName or PhysicalResourceId must be specified.");
    }
    synchronized (s) {
      List<ResourceRecord> list = new ArrayList<>();
      for (ResourceRecord r : s.resources.values()) {
        if ((logicalId == null || logicalId.equals(r.logicalId))
            && (physicalId == null || name != null || physicalId.equals(r.physicalId))) {
          list.add(r);
        }
      }
      w.list("StackResources", list, (m, r) -> StackXml.resource(m, s, r));
    }
  }

  void listStackResources(QueryRequest q, XmlWriter w) {
    StackRecord s = required(q);
    synchronized (s) {
      Page<ResourceRecord> page = Page.of(new ArrayList<>(s.resources.values()), q.get("NextToken"), RESOURCES_PAGE);
      w.list("StackResourceSummaries", page.items(), StackXml::resourceSummary);
      w.text("NextToken", page.nextToken());
    }
  }

  void listStacks(QueryRequest q, XmlWriter w) {
    List<String> filter = q.list("StackStatusFilter");
    CloudFormationErrors.Constraints c = new CloudFormationErrors.Constraints();
    for (String f : filter) {
      if (!STATUSES.contains(f)) {
        c.add("Value '" + filter + "' at 'stackStatusFilter' failed to satisfy constraint: Member must satisfy"
            + " constraint: [Member must satisfy enum value set: " + new java.util.TreeSet<>(STATUSES) + "]");
        break;
      }
    }
    c.check();
    List<StackRecord> list = new ArrayList<>();
    for (StackRecord s : stacks.all()) {
      synchronized (s) {
        if (filter.isEmpty() || filter.contains(s.status)) {
          list.add(s);
        }
      }
    }
    Page<StackRecord> page = Page.of(list, q.get("NextToken"), SUMMARIES_PAGE);
    w.list("StackSummaries", page.items(), (m, s) -> {
      synchronized (s) {
        StackXml.summary(m, s);
      }
    });
    w.text("NextToken", page.nextToken());
  }

  void listExports(QueryRequest q, XmlWriter w) {
    Page<Exports.Export> page = Page.of(exports.all(), q.get("NextToken"), EXPORTS_PAGE);
    w.list("Exports", page.items(), (m, e) -> m.text("ExportingStackId", e.stackId()).text("Name", e.name())
        .text("Value", e.value()));
    w.text("NextToken", page.nextToken());
  }

  void getTemplate(QueryRequest q, XmlWriter w) {
    String name = q.get("StackName");
    String stage = q.get("TemplateStage");
    new CloudFormationErrors.Constraints().notNull("stackName", name).pattern("stackName", name, NAME_OR_ID_PATTERN)
        .enumValue("templateStage", stage, List.of("Original", "Processed")).check();
    StackRecord s = stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackWithIdDoesNotExist(name));
    synchronized (s) {
      w.text("TemplateBody", s.templateBody);
      w.textList("StagesAvailable", List.of("Original", "Processed"));
    }
  }
}
