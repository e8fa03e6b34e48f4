package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.local.cloudformation.StackRecord.ResourceRecord;
import io.github.lambdasdlc.xml.XmlWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The read operations: DescribeStacks, DescribeStackEvents, DescribeStackResource(s), List*, GetTemplate, on
 * requests decoded at the edge ({@link StackRequests}).
 */
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

  void describeStacks(StackRequests.DescribeStacks q, XmlWriter w) {
    String name = q.stackName();
    List<StackRecord> list;
    if (name != null) {
      list = List.of(stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackWithIdDoesNotExist(name)));
    } else {
      list = stacks.live();
    }
    Page<StackRecord> page = Page.of(list, q.nextToken(), STACKS_PAGE);
    w.list("Stacks", page.items(), (m, s) -> {
      synchronized (s) {
        StackXml.stack(m, s);
      }
    });
    w.text("NextToken", page.nextToken());
  }

  private StackRecord required(String name) {
    return stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackDoesNotExist(name));
  }

  void describeStackEvents(StackRequests.StackPage q, XmlWriter w) {
    StackRecord s = required(q.stackName());
    synchronized (s) {
      Page<StackRecord.EventRecord> page = Page.of(StackXml.newestFirst(s), q.nextToken(), EVENTS_PAGE);
      w.list("StackEvents", page.items(), (m, e) -> StackXml.event(m, s, e));
      w.text("NextToken", page.nextToken());
    }
  }

  void describeStackResource(StackRequests.DescribeStackResource q, XmlWriter w) {
    String logicalId = q.logicalResourceId();
    StackRecord s = required(q.stackName());
    synchronized (s) {
      ResourceRecord r = s.resources.get(logicalId);
      if (r == null) {
        throw CloudFormationErrors.validation("Resource " + logicalId + " does not exist for stack " + s.stackName);
      }
      w.element("StackResourceDetail", d -> StackXml.resourceDetail(d, s, r));
    }
  }

  void describeStackResources(StackRequests.DescribeStackResources q, XmlWriter w) {
    String name = q.stackName();
    String physicalId = q.physicalResourceId();
    String logicalId = q.logicalResourceId();
    StackRecord s;
    if (name != null) {
      s = required(name);
    } else {
      s = stacks.live().stream().filter(st -> {
        synchronized (st) {
          return st.resources.values().stream().anyMatch(r -> physicalId.equals(r.physicalId));
        }
      }).findFirst().orElseThrow(() -> CloudFormationErrors.validation("Stack for " + physicalId + " does not exist"));
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

  void listStackResources(StackRequests.StackPage q, XmlWriter w) {
    StackRecord s = required(q.stackName());
    synchronized (s) {
      Page<ResourceRecord> page = Page.of(new ArrayList<>(s.resources.values()), q.nextToken(), RESOURCES_PAGE);
      w.list("StackResourceSummaries", page.items(), StackXml::resourceSummary);
      w.text("NextToken", page.nextToken());
    }
  }

  void listStacks(StackRequests.ListStacks q, XmlWriter w) {
    List<String> filter = q.statusFilter();
    List<StackRecord> list = new ArrayList<>();
    for (StackRecord s : stacks.all()) {
      synchronized (s) {
        if (filter.isEmpty() || filter.contains(s.status)) {
          list.add(s);
        }
      }
    }
    Page<StackRecord> page = Page.of(list, q.nextToken(), SUMMARIES_PAGE);
    w.list("StackSummaries", page.items(), (m, s) -> {
      synchronized (s) {
        StackXml.summary(m, s);
      }
    });
    w.text("NextToken", page.nextToken());
  }

  void listExports(StackRequests.ListExports q, XmlWriter w) {
    Page<Exports.Export> page = Page.of(exports.all(), q.nextToken(), EXPORTS_PAGE);
    w.list("Exports", page.items(), (m, e) -> m.text("ExportingStackId", e.stackId()).text("Name", e.name())
        .text("Value", e.value()));
    w.text("NextToken", page.nextToken());
  }

  void getTemplate(StackRequests.GetTemplate q, XmlWriter w) {
    String name = q.stackName();
    StackRecord s = stacks.find(name).orElseThrow(() -> CloudFormationErrors.stackWithIdDoesNotExist(name));
    synchronized (s) {
      w.text("TemplateBody", s.templateBody);
      w.textList("StagesAvailable", StackRequests.TEMPLATE_STAGES);
    }
  }

  /** GetTemplateSummary of a template body or of a stack's template (as {@code aws cloudformation deploy} asks). */
  void getTemplateSummary(ChangeSetRequests.GetTemplateSummary q, XmlWriter w) {
    String body = q.templateBody();
    if (body == null) {
      StackRecord s = stacks.find(q.stackName())
          .orElseThrow(() -> CloudFormationErrors.stackWithIdDoesNotExist(q.stackName()));
      synchronized (s) {
        body = s.templateBody;
      }
      if (body == null) {
        throw CloudFormationErrors.validation("Stack " + q.stackName() + " has no template yet: it is in"
            + " REVIEW_IN_PROGRESS until a change set creates it");
      }
    }
    StackTemplates.templateSummary(StackTemplates.parse(body), w);
  }
}
