package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.lambda.FunctionRef.Shape;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class FunctionRefTest {
  private final LocalContext context =
      new LocalContext(LocalCloudConfig.builder(Path.of("unused")).build(), null, null, Clock.systemUTC());

  @Test
  void namesPartialAndFullArnsWithQualifiers() {
    assertThat(parse("fn", null)).isEqualTo(new FunctionRef("fn", null));
    assertThat(parse("fn:live", null)).isEqualTo(new FunctionRef("fn", "live"));
    assertThat(parse("000000000000:function:fn", null)).isEqualTo(new FunctionRef("fn", null));
    assertThat(parse("000000000000:function:fn:3", null)).isEqualTo(new FunctionRef("fn", "3"));
    assertThat(parse("arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST", null))
        .isEqualTo(new FunctionRef("fn", "$LATEST"));
    assertThat(parse("arn:aws:lambda:us-east-1:000000000000:function:fn", "2")).isEqualTo(new FunctionRef("fn", "2"));
    assertThat(parse("fn:2", "2")).isEqualTo(new FunctionRef("fn", "2"));
  }

  @Test
  void malformedNamesAreValidationErrorsWithTheModelsPattern() {
    assertThatThrownBy(() -> parse("has space", null)).isInstanceOfSatisfying(AwsError.class, e -> {
      assertThat(e.code()).isEqualTo("ValidationException");
      assertThat(e.getMessage()).startsWith("1 validation error detected: Value 'has space' at 'functionName'")
          .contains("(arn:(aws[a-zA-Z-]*)?:lambda:)?");
    });
    assertThatThrownBy(() -> parse("arn:aws:lambda:us-east-1:000000000000:fn", null))
        .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.code()).isEqualTo("ValidationException"));
    assertThatThrownBy(() -> parse("x".repeat(141), null))
        .hasMessageContaining("Member must have length less than or equal to 140");
    assertThatThrownBy(() -> parse("fn:1", "2")).isInstanceOfSatisfying(AwsError.class,
        e -> assertThat(e.code()).isEqualTo("InvalidParameterValueException"));
    assertThatThrownBy(() -> parse("arn:aws:lambda:us-east-1:111111111111:function:fn", null))
        .isInstanceOfSatisfying(AwsError.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(FunctionRef.parse("my.fn", null, Shape.NAMESPACED, context).name()).isEqualTo("my.fn");
  }

  private FunctionRef parse(String raw, String qualifier) {
    return FunctionRef.parse(raw, qualifier, Shape.FUNCTION_NAME, context);
  }
}
