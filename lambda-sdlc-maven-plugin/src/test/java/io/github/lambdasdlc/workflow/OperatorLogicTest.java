package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/** The operator steps' pure logic: template reading, drift, inline code, time windows, log lines, template export. */
class OperatorLogicTest {
  @TempDir
  Path dir;

  static final String TEMPLATE = """
      Parameters:
        Memory: {Type: Number, Default: 256}
        Stage: {Type: String}
      Resources:
        Fn:
          Type: AWS::Lambda::Function
          Properties:
            FunctionName: !Sub ${AWS::StackName}-fn
            Runtime: python3.12
            Handler: index.handler
            MemorySize: !Ref Memory
            Role: !GetAtt Role.Arn
            Description: !Sub "${Stage} function of ${AWS::StackName}, ${!Literal}"
            Environment:
              Variables:
                STAGE: !Ref Stage
                TABLE: !GetAtt Table.Arn
            Code:
              ZipFile: |
                def handler(event, context):
                    return 1
      """;

  private static GetFunctionConfigurationResponse.Builder live() {
    return GetFunctionConfigurationResponse.builder().runtime("python3.12").handler("index.handler").memorySize(256)
        .timeout(3).description("dev function of app, ${Literal}").architecturesWithStrings("x86_64")
        .environment(e -> e.variables(Map.of("STAGE", "dev", "TABLE", "arn:aws:dynamodb:x")));
  }

  private static ConfigurationDrift drift() {
    return new ConfigurationDrift(Map.of("Memory", "256", "Stage", "dev"), Map.of("AWS::StackName", "app"));
  }

  @Test
  void templatesShortFormsBecomeLongForms() {
    JsonNode fn = TemplateDocument.parse(TEMPLATE).resourceProperties("Fn");
    assertThat(fn.get("MemorySize").toString()).isEqualTo("{\"Ref\":\"Memory\"}");
    assertThat(fn.get("Role").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Role\",\"Arn\"]}");
    assertThat(fn.path("Code").path("ZipFile").asText()).isEqualTo("def handler(event, context):\n    return 1\n");
    assertThat(TemplateDocument.parse("{\"Resources\": {\"Fn\": {\"Properties\": {\"Timeout\": 9}}}}")
        .resourceProperties("Fn").get("Timeout").asInt()).isEqualTo(9);
    assertThat(TemplateDocument.parse(TEMPLATE).resourceProperties("Missing").isEmpty()).isTrue();
    assertThatThrownBy(() -> TemplateDocument.parse("a: [")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aliasesExpandWithinBoundsAndBombsOrLoopsAreRefused() {
    assertThat(TemplateDocument.parse("Shared: &m {MemorySize: 256}\nResources: {Fn: {Properties: *m}}")
        .resourceProperties("Fn").get("MemorySize").asInt()).isEqualTo(256);
    StringBuilder bomb = new StringBuilder("l0: &l0 [lol]\n");
    for (int level = 1; level <= 12; level++) {
      String prev = "*l" + (level - 1);
      bomb.append("l").append(level).append(": &l").append(level).append(" [").append(prev).append(", ").append(prev)
          .append(", ").append(prev).append("]\n");
    }
    assertThatThrownBy(() -> TemplateDocument.parse(bomb.toString())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expand it to more than 250,000 nodes");
    assertThatThrownBy(() -> TemplateDocument.parse("a: &a [*a]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("an alias refers to a node that contains it");
  }

  @Test
  void parametersAndSubstitutionsResolveAndAMatchingFunctionHasNoDrift() {
    ConfigurationDrift.Result r = drift().compare(TemplateDocument.parse(TEMPLATE).resourceProperties("Fn"),
        live().build());
    assertThat(r.findings()).isEmpty();
    assertThat(r.notCompared()).containsExactly("Environment values of [TABLE] (computed by CloudFormation)");
  }

  @Test
  void differencesAreDriftExceptThePreparedJavaRuntimeAndHandler() {
    ConfigurationDrift.Result r = drift().compare(TemplateDocument.parse(TEMPLATE).resourceProperties("Fn"),
        live().runtime("java21").handler("a.B::handle").memorySize(1024).timeout(20).description("changed")
            .environment(e -> e.variables(Map.of("STAGE", "prod", "EXTRA", "secret-value"))).build());
    assertThat(r.expected()).extracting(ConfigurationDrift.Finding::toString).containsExactly(
        "Runtime: template python3.12, live java21 (expected: the prepare goal switched the python3.12 stub to Java)",
        "Handler: template index.handler, live a.B::handle (expected: the prepare goal switched the python3.12 stub to Java)");
    assertThat(r.drift()).extracting(ConfigurationDrift.Finding::toString).containsExactly(
        "MemorySize: template 256, live 1024",
        "Timeout: template 3 (Lambda's default), live 20",
        "Description: template dev function of app, ${Literal}, live changed",
        "Environment: template [STAGE, TABLE], live [EXTRA, STAGE] (only in the template [TABLE]; only live [EXTRA];"
            + " other value live [STAGE]; values not shown)");
    assertThat(r.findings().toString()).doesNotContain("secret-value").doesNotContain("prod");
  }

  @Test
  void aJavaTemplateWhoseHandlerDiffersIsDrift() {
    ConfigurationDrift.Result r = drift().compare(TemplateDocument.parse(
            "Resources: {Fn: {Properties: {Runtime: java21, Handler: a.B, MemorySize: 512}}}").resourceProperties("Fn"),
        live().runtime("java21").handler("a.C").memorySize(512).description("").environment(e -> { }).build());
    assertThat(r.drift()).extracting(ConfigurationDrift.Finding::property).containsExactly("Handler");
  }

  @Test
  void valuesOnlyCloudFormationKnowsAreNotCompared() {
    ConfigurationDrift.Result r = new ConfigurationDrift(Map.of("Secret", "****"), Map.of()).compare(
        TemplateDocument.parse("""
            Resources:
              Fn:
                Properties:
                  Runtime: !If [IsProd, java21, java17]
                  Handler: a.B
                  Timeout: !Ref Secret
                  Description: !Sub "${Table.Arn}"
            """).resourceProperties("Fn"),
        live().runtime("java21").handler("a.B").description("x").environment(e -> { }).build());
    assertThat(r.notCompared()).containsExactly("Runtime (computed by CloudFormation)",
        "Timeout (computed by CloudFormation)", "Description (computed by CloudFormation)");
    assertThat(r.drift()).extracting(ConfigurationDrift.Finding::property).containsExactly("MemorySize");
  }

  @Test
  void inlineCodeIsHashedOnlyForPythonAndNode() {
    JsonNode fn = TemplateDocument.parse(TEMPLATE).resourceProperties("Fn");
    assertThat(InlineCode.localCodeSha256(fn)).isPresent().get().asString().hasSize(44);
    assertThat(InlineCode.localCodeSha256(fn)).isEqualTo(InlineCode.localCodeSha256(fn));
    assertThat(InlineCode.localCodeSha256(TemplateDocument.parse(
        "Resources: {Fn: {Properties: {Runtime: java21, Code: {ZipFile: x}}}}").resourceProperties("Fn"))).isEmpty();
    assertThat(InlineCode.looksInline("nodejs20.x", "index.handler")).isTrue();
    assertThat(InlineCode.looksInline("python3.13", "app.handler")).isFalse();
    assertThat(InlineCode.looksInline("java21", "index.Handler")).isFalse();
  }

  @Test
  void sinceTakesAmountsBackAndInstants() {
    Instant now = Instant.parse("2026-05-01T12:00:00Z");
    assertThat(LogTail.since("30s", now)).isEqualTo("2026-05-01T11:59:30Z");
    assertThat(LogTail.since("10m", now)).isEqualTo("2026-05-01T11:50:00Z");
    assertThat(LogTail.since("2h", now)).isEqualTo("2026-05-01T10:00:00Z");
    assertThat(LogTail.since("1d", now)).isEqualTo("2026-04-30T12:00:00Z");
    assertThat(LogTail.since("2026-04-01T08:00:00Z", now)).isEqualTo("2026-04-01T08:00:00Z");
    assertThat(LogTail.since("2026-04-01T10:00:00+02:00", now)).isEqualTo("2026-04-01T08:00:00Z");
    assertThatThrownBy(() -> LogTail.since("yesterday", now)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("lambda-sdlc.since is 'yesterday'").hasMessageContaining("30s, 10m, 2h or 1d");
    assertThatThrownBy(() -> LogTail.since("5y", now)).isInstanceOf(WorkflowException.class);
  }

  @Test
  void logLinesShortenLambdasStreamNames() {
    assertThat(LogTail.shortStream("2026/05/01/[$LATEST]0123456789abcdef0123456789abcdef")).isEqualTo("[$LATEST]01234567");
    assertThat(LogTail.shortStream("2026/05/01/[7]abcdef")).isEqualTo("[7]abcdef");
    assertThat(LogTail.shortStream("my-stream")).isEqualTo("my-stream");
    assertThat(LogTail.line(FilteredLogEvent.builder().timestamp(Instant.parse("2026-05-01T12:00:00.250Z").toEpochMilli())
        .logStreamName("2026/05/01/[$LATEST]0123456789abcdef0123456789abcdef").message("hello\n").build()))
        .isEqualTo("2026-05-01T12:00:00.250Z [$LATEST]01234567 hello");
  }

  @Test
  void reportFiguresReadLikeASentence() {
    assertThat(AdHocInvocation.figures(ReportLine.parse("REPORT RequestId: x\tDuration: 12.31 ms\tBilled Duration: 13 ms"
        + "\tMemory Size: 512 MB\tMax Memory Used: 88 MB\tInit Duration: 412.55 ms\t")))
        .isEqualTo("Duration 12.31 ms, billed 13 ms, memory 88 of 512 MB used, init 412.55 ms (cold start)");
  }

  // template export

  @Test
  void templateExportWritesTheBuiltInTemplateOnceAndThenIsUpToDate() throws Exception {
    WorkflowTestSupport.Recorder events = new WorkflowTestSupport.Recorder();
    Path file = dir.resolve("src/main/cloudformation/template.yaml");
    TemplateExport export = new TemplateExport(events);
    assertThat(export.export(file, false, true, dir)).isEqualTo(TemplateExport.Outcome.WRITTEN);
    assertThat(Files.readString(file)).isEqualTo(StackTemplate.builtIn().body());
    assertThat(events.text()).contains("Wrote src/main/cloudformation/template.yaml with the built-in template");
    assertThat(export.export(file, false, true, dir)).isEqualTo(TemplateExport.Outcome.UP_TO_DATE);
    assertThat(events.text()).contains("already up to date");
    // What init then reads is the project's file, with the same body.
    StackTemplate located = StackTemplate.locate(null, dir.resolve("src/main/cloudformation"), dir);
    assertThat(located.source()).isEqualTo("src/main/cloudformation/template.yaml");
    assertThat(located.body()).isEqualTo(StackTemplate.builtIn().body());
  }

  @Test
  void templateExportNeverOverwritesAnEditedFileUnlessAsked() throws Exception {
    Path file = dir.resolve("template.yaml");
    Files.writeString(file, "# mine\n");
    TemplateExport export = new TemplateExport(e -> { });
    assertThatThrownBy(() -> export.export(file, false, true, dir)).isInstanceOf(WorkflowException.class)
        .hasMessageContaining("template.yaml already exists with other content, so it was left alone")
        .hasMessageContaining("-Dlambda-sdlc.overwrite=true");
    assertThat(Files.readString(file)).isEqualTo("# mine\n");
    assertThat(export.export(file, true, true, dir)).isEqualTo(TemplateExport.Outcome.OVERWRITTEN);
    assertThat(Files.readString(file)).isEqualTo(StackTemplate.builtIn().body());
    assertThat(Files.list(dir).map(p -> p.getFileName().toString()).toList()).containsExactly("template.yaml");
  }

  @Test
  void templateExportWillNotMakeInitsChoiceAmbiguous() throws Exception {
    Path cfn = Files.createDirectories(dir.resolve("src/main/cloudformation"));
    Files.writeString(cfn.resolve("app.yml"), "Resources: {}\n");
    TemplateExport export = new TemplateExport(e -> { });
    assertThatThrownBy(() -> export.export(cfn.resolve("template.yaml"), true, true, dir))
        .hasMessageContaining("src/main/cloudformation already holds a template, [app.yml]");
    assertThat(export.export(cfn.resolve("template.yaml"), false, false, dir)).isEqualTo(TemplateExport.Outcome.WRITTEN);
    assertThat(List.of(cfn.resolve("template.yaml").toFile().exists())).containsExactly(true);
  }
}
