package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

class StackExportsTest extends CloudFormationTestSupport {

  static final String EXPORTER = """
      Parameters:
        Days: {Type: Number, Default: 7}
      Resources:
        Logs:
          Type: AWS::Logs::LogGroup
          Properties: {RetentionInDays: !Ref Days}
      Outputs:
        LogsName:
          Value: !Ref Logs
          Export: {Name: shared-logs}
        LogsArn:
          Value: !GetAtt Logs.Arn
          Export: {Name: shared-logs-arn}
      """;

  static final String IMPORTER = """
      Resources:
        Other:
          Type: AWS::Logs::LogGroup
          Properties:
            LogGroupName: !Sub
              - '${Name}-copy'
              - Name: !ImportValue shared-logs
      Outputs:
        Imported:
          Value: !ImportValue shared-logs
      """;

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void exportsAreImportedAndProtected() throws Exception {
    String exporterId = create("exporter", EXPORTER);
    waiter.waitUntilStackCreateComplete(r -> r.stackName("exporter"));
    String logs = describe("exporter").outputs().stream().filter(o -> o.outputKey().equals("LogsName")).findFirst()
        .orElseThrow().outputValue();
    assertThat(cfn.listExports().exports()).extracting(e -> e.name() + "=" + e.exportingStackId())
        .containsExactly("shared-logs=" + exporterId, "shared-logs-arn=" + exporterId);

    create("importer", IMPORTER);
    Stack importer = waiter.waitUntilStackCreateComplete(r -> r.stackName("importer")).matched().response()
        .orElseThrow().stacks().get(0);
    assertThat(importer.outputs().get(0).outputValue()).isEqualTo(logs);
    assertThat(cfn.describeStackResource(r -> r.stackName("importer").logicalResourceId("Other"))
        .stackResourceDetail().physicalResourceId()).isEqualTo(logs + "-copy");

    // The exporter cannot be deleted while its export is imported: it returns to its status.
    cfn.deleteStack(r -> r.stackName("exporter"));
    Stack kept = settle("exporter");
    assertThat(kept.stackStatus()).isEqualTo(StackStatus.CREATE_COMPLETE);
    assertThat(kept.stackStatusReason()).isEqualTo("Export shared-logs cannot be deleted as it is in use by importer");
    assertThat(events("exporter").get(0).resourceStatusReason())
        .isEqualTo("Export shared-logs cannot be deleted as it is in use by importer");

    // Nor can an update change or remove the imported export; the unused one may change.
    cfn.updateStack(r -> r.stackName("exporter").templateBody(EXPORTER.replace("    Export: {Name: shared-logs}\n", "")));
    Stack refused = settle("exporter");
    assertThat(refused.stackStatus()).isEqualTo(StackStatus.UPDATE_ROLLBACK_COMPLETE);
    assertThat(refused.stackStatusReason()).isNull();
    assertThat(events("exporter")).anySatisfy(e -> assertThat(e.resourceStatusReason())
        .isEqualTo("Export shared-logs cannot be deleted as it is in use by importer"));
    assertThat(cfn.listExports().exports()).hasSize(2);

    // Another stack cannot export the same name.
    create("duplicate", EXPORTER);
    Stack duplicate = settle("duplicate");
    assertThat(duplicate.stackStatus()).isEqualTo(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("duplicate")).anySatisfy(e -> assertThat(e.resourceStatusReason())
        .isEqualTo("Export with name shared-logs is already exported by stack exporter. Rollback requested by user."));

    // Once the importer is gone, the exporter can go.
    cfn.deleteStack(r -> r.stackName("importer"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("importer"));
    cfn.deleteStack(r -> r.stackName("exporter"));
    waiter.waitUntilStackDeleteComplete(r -> r.stackName("exporter"));
    assertThat(cfn.listExports().exports()).isEmpty();
  }

  @Test
  void anImportOfAMissingExportFailsTheResource() throws Exception {
    create("orphan", IMPORTER);
    assertThat(settle("orphan").stackStatus()).isIn(StackStatus.ROLLBACK_COMPLETE);
    assertThat(events("orphan")).anySatisfy(e -> {
      assertThat(e.logicalResourceId()).isEqualTo("Other");
      assertThat(e.resourceStatusAsString()).isEqualTo("CREATE_FAILED");
      assertThat(e.resourceStatusReason()).contains("shared-logs");
    });
  }
}
