package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.CreateChangeSetRequest;
import software.amazon.awssdk.services.cloudformation.model.CreateStackRequest;
import software.amazon.awssdk.services.cloudformation.model.ValidateTemplateRequest;

/**
 * What init acknowledges in CreateStack and UpdateStack: the capabilities ValidateTemplate reports,
 * CAPABILITY_AUTO_EXPAND for a template that declares a transform (which AWS's ValidateTemplate does not
 * report), and those of {@code lambda-sdlc.capabilities}. The requests are observed as the workflow sends
 * them; since the local cloud runs no macros, the observer hands it the template without its Transform line.
 */
class StackCapabilitiesTest {
  private static final String SAM = "Transform: AWS::Serverless-2016-10-31\n";

  @TempDir
  Path dir;
  private LocalCloud cloud;
  private AwsClients clients;
  private final WorkflowTestSupport.Recorder events = new WorkflowTestSupport.Recorder();
  /** The stack requests as the workflow made them, before the observer's edit. */
  private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();

  /** Records every ValidateTemplate, CreateStack and UpdateStack, and strips the Transform line from what goes on. */
  private final ExecutionInterceptor observer = new ExecutionInterceptor() {
    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      SdkRequest r = context.request();
      if (r instanceof ValidateTemplateRequest v) {
        sent.add(v);
        return v.toBuilder().templateBody(v.templateBody().replace(SAM, "")).build();
      }
      if (r instanceof CreateStackRequest c) {
        sent.add(c);
        return c.toBuilder().templateBody(c.templateBody().replace(SAM, "")).build();
      }
      if (r instanceof CreateChangeSetRequest u) {
        sent.add(u);
        return u.toBuilder().templateBody(u.templateBody().replace(SAM, "")).build();
      }
      return r;
    }
  };

  @AfterEach
  void stop() {
    if (clients != null) {
      clients.close();
    }
    if (cloud != null) {
      cloud.close();
    }
  }

  private StackConvergence.Result init(StackTemplate template, List<String> capabilities) {
    if (cloud == null) {
      cloud = LocalCloud.start(LocalCloudConfig.builder(dir.resolve("cloud")).lambdaUpdateDelay(Duration.ofMillis(20))
          .stackStepDelay(Duration.ofMillis(5)).build());
      clients = AwsClients.connect(Target.endpoint(cloud.endpoint(), cloud.region()), List.of(observer));
    }
    return new StackConvergence(clients, events).converge(new StackConvergence.Request("my-app", template, Map.of(),
        Map.of(), false, null, capabilities));
  }

  private static StackTemplate sam() {
    return new StackTemplate(SAM + StackTemplate.builtIn().body(), "src/main/cloudformation/sam.yaml");
  }

  private <T extends SdkRequest> T last(Class<T> type) {
    return sent.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aTemplateWithATransformIsCreatedWithAutoExpand() {
    assertThat(init(sam(), List.of()).outcome()).isEqualTo(StackConvergence.Outcome.CREATED);

    CreateStackRequest create = last(CreateStackRequest.class);
    assertThat(create.templateBody()).startsWith(SAM);
    assertThat(create.capabilities()).containsExactly(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND);
    assertThat(events.text()).contains("INFO Acknowledging CAPABILITY_AUTO_EXPAND: the template"
        + " src/main/cloudformation/sam.yaml declares the transform AWS::Serverless-2016-10-31.");
  }

  @Test
  void aPlainTemplateGetsWhatValidateTemplateReportsAndUpdatesAddTheUsersCapabilities() {
    init(StackTemplate.builtIn(), List.of());
    assertThat(last(CreateStackRequest.class).capabilities()).containsExactly(Capability.CAPABILITY_IAM);

    StackTemplate changed = new StackTemplate(StackTemplate.builtIn().body().replace("Default: 14", "Default: 30"),
        "src/main/cloudformation/app.yaml");
    assertThat(init(changed, List.of("named_iam", "CAPABILITY_IAM")).outcome())
        .isEqualTo(StackConvergence.Outcome.UPDATED);
    assertThat(last(CreateChangeSetRequest.class).capabilities())
        .containsExactly(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM);

    // A transform added later reaches the update's change set with AUTO_EXPAND too.
    init(sam(), List.of());
    assertThat(last(CreateChangeSetRequest.class).templateBody()).startsWith(SAM);
    assertThat(last(CreateChangeSetRequest.class).capabilities())
        .containsExactly(Capability.CAPABILITY_IAM, Capability.CAPABILITY_AUTO_EXPAND);
  }

  @Test
  void anUnknownCapabilityFailsBeforeAnyCall() {
    assertThatThrownBy(() -> init(StackTemplate.builtIn(), List.of("CAPABILITY_ROOT")))
        .isInstanceOf(WorkflowException.class)
        .hasMessage("'CAPABILITY_ROOT' (lambda-sdlc.capabilities) is not a CloudFormation capability. Use"
            + " CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM, CAPABILITY_NAMED_IAM, comma-separated.");
    assertThat(sent).isEmpty();
  }

  @Test
  void transformsAreFoundInTheSectionAndInFnTransform() {
    assertThat(StackCapabilities.declaredTransforms(new StackTemplate("{\"Transform\": [\"AWS::LanguageExtensions\","
        + " \"AWS::Serverless-2016-10-31\"], \"Resources\": {}}", "t.json")))
        .containsExactly("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31");
    assertThat(StackCapabilities.declaredTransforms(new StackTemplate("Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n"
        + "    Properties:\n      Fn::Transform:\n        Name: AWS::Include\n        Parameters:\n"
        + "          Location: s3://bucket/snippet.yaml\n", "t.yaml"))).containsExactly("AWS::Include");
    assertThat(StackCapabilities.declaredTransforms(new StackTemplate("Outputs:\n  A:\n    Value: !Transform"
        + " {Name: MyMacro}\n", "t.yaml"))).containsExactly("MyMacro");
    assertThat(StackCapabilities.declaredTransforms(StackTemplate.builtIn())).isEmpty();
  }
}
