package io.github.lambdasdlc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's runtime table is the catalogue's ({@link LambdaRuntime}), rendered here. When the catalogue
 * changes (a regenerated table, a new local runner), rewrite the README's table with
 * {@code ./mvnw -o -pl lambda-sdlc-maven-plugin test -Dtest=RuntimeTableReadmeTest -Dlambda-sdlc.writeReadme=true}.
 */
class RuntimeTableReadmeTest {
  private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
  private static final Pattern BLOCK = Pattern.compile("(<!-- runtime-table -->\\n)(.*?)(<!-- /runtime-table -->)",
      Pattern.DOTALL);
  /** Runtimes blocked for updates before this day are left out of the table: AWS retired them before 2026. */
  private static final LocalDate LISTED_FROM = LocalDate.of(2026, 1, 1);

  static String table() {
    StringBuilder out = new StringBuilder("| Runtime | Architectures | Deprecated | Create blocked | Update blocked"
        + " | The local cloud runs it with |\n|---|---|---|---|---|---|\n");
    for (LambdaRuntime r : LambdaRuntime.all()) {
      if (r.localRunner().isEmpty() && r.updateBlock() != null && r.updateBlock().isBefore(LISTED_FROM)) {
        continue;
      }
      out.append("| `").append(r.id()).append("` | ").append(String.join(", ", r.architectures())).append(" | ")
          .append(date(r.deprecated())).append(" | ").append(date(r.createBlock())).append(" | ")
          .append(date(r.updateBlock())).append(" | ")
          .append(r.localRunner().map(LocalRunner::description).orElse("(not emulated)")).append(" |\n");
    }
    return out.toString();
  }

  private static String date(LocalDate day) {
    return day == null ? "" : day.toString();
  }

  @Test
  void theReadmesRuntimeTableIsTheCatalogues() throws IOException {
    Path readme = ROOT.resolve("README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    Matcher m = BLOCK.matcher(text);
    assertThat(m.find()).as("README.md has a <!-- runtime-table --> block").isTrue();
    if (Boolean.getBoolean("lambda-sdlc.writeReadme")) {
      text = text.substring(0, m.start(2)) + table() + text.substring(m.end(2));
      Files.writeString(readme, text, StandardCharsets.UTF_8);
      m = BLOCK.matcher(text);
      assertThat(m.find()).isTrue();
    }
    assertThat(m.group(2)).as("the README's runtime table; rewrite it with -Dlambda-sdlc.writeReadme=true")
        .isEqualTo(table());
  }
}
