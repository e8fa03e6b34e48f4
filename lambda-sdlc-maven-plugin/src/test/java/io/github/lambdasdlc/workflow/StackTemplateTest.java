package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a template is named in messages: never "the template the built-in template". */
class StackTemplateTest {
  @Test
  void theBuiltInTemplateAndAFileAreDescribedForMessages() {
    assertThat(StackTemplate.builtIn().described()).isEqualTo("the built-in template");
    assertThat(new StackTemplate("{}", "src/main/cloudformation/app.yaml").described())
        .isEqualTo("the template src/main/cloudformation/app.yaml");
  }
}
