package io.github.lambdasdlc.local.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.core.AwsError;
import org.junit.jupiter.api.Test;

/** The filter pattern language for unstructured events. */
class FilterPatternTest {
  private static boolean matches(String pattern, String message) {
    return FilterPattern.parse(pattern).matches(message);
  }

  @Test
  void emptyMatchesEverything() {
    assertThat(matches("", "anything")).isTrue();
    assertThat(matches("   ", "anything")).isTrue();
    assertThat(matches(null, "anything")).isTrue();
  }

  @Test
  void termsAreAllRequiredAndCaseSensitive() {
    assertThat(matches("ERROR Exception", "ERROR: IllegalStateException")).isTrue();
    assertThat(matches("ERROR Exception", "ERROR: failed")).isFalse();
    assertThat(matches("ERROR", "error")).isFalse();
  }

  @Test
  void quotedPhrasesKeepTheirSpacesAndQuotes() {
    assertThat(matches("\"Failed to process\"", "Failed to process order")).isTrue();
    assertThat(matches("\"Failed to process\"", "Failed process to")).isFalse();
    assertThat(matches("\"say \\\"hi\\\"\"", "they say \"hi\" often")).isTrue();
    assertThat(matches("\"-1\"", "count -1")).isTrue();
  }

  @Test
  void exclusionAndAlternatives() {
    assertThat(matches("-DEBUG", "INFO ok")).isTrue();
    assertThat(matches("-DEBUG", "DEBUG noise")).isFalse();
    assertThat(matches("ERROR -Retrying", "ERROR Retrying")).isFalse();
    assertThat(matches("?ERROR ?WARN", "WARN slow")).isTrue();
    assertThat(matches("?ERROR ?WARN", "INFO ok")).isFalse();
    assertThat(matches("?ERROR MainThread ?WARN Deadlock", "ERROR in MainThread")).isTrue();
    assertThat(matches("?ERROR MainThread ?WARN Deadlock", "ERROR in worker")).isFalse();
    assertThat(matches("?ERROR MainThread ?WARN Deadlock", "WARN Deadlock found")).isTrue();
  }

  @Test
  void regexTerms() {
    assertThat(matches("%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST")).isTrue();
    assertThat(matches("%^\\[ERROR 4\\d\\d\\]%", "[ERROR 404] missing")).isTrue();
    assertThat(matches("%^\\[ERROR 4\\d\\d\\]%", "x [ERROR 404]")).isFalse();
    assertThatThrownBy(() -> FilterPattern.parse("%(a|b)%")).isInstanceOf(AwsError.class)
        .hasMessageContaining("( and )");
  }

  @Test
  void refusesWhatItDoesNotEmulate() {
    assertThatThrownBy(() -> FilterPattern.parse("{ $.level = \"ERROR\" }")).isInstanceOf(AwsError.class)
        .satisfies(e -> assertThat(((AwsError) e).code()).isEqualTo("InvalidParameterException"));
    assertThatThrownBy(() -> FilterPattern.parse("[ip, user, ...]")).isInstanceOf(AwsError.class);
    assertThatThrownBy(() -> FilterPattern.parse("\"open")).isInstanceOf(AwsError.class);
    assertThatThrownBy(() -> FilterPattern.parse("ERROR ?")).isInstanceOf(AwsError.class);
  }
}
