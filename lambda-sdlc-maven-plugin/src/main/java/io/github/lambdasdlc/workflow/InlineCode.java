package io.github.lambdasdlc.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lambdasdlc.code.CodeSha256;
import io.github.lambdasdlc.code.InlineCodeZip;
import java.util.Optional;

/**
 * A function's inline code ({@code Code.ZipFile}) as CloudFormation turns it into a deployment package: one
 * file, {@code index.py} or {@code index.js} by the runtime's family. The local cloud builds that zip
 * deterministically (one entry, stamped 1980-01-01T00:00 local time, default compression), so its
 * CodeSha256 can be computed here and compared with the live one. AWS and every other AWS-compatible
 * endpoint (LocalStack, other emulators) build the zip their own way, so there the inline code can only be
 * recognised by what they all keep: the template's runtime and handler ({@link #matchesTemplate}).
 */
public final class InlineCode {
  private InlineCode() {
  }

  /** The file inline code becomes for a runtime, or null when the runtime takes no inline code. */
  static String fileName(String runtime) {
    return InlineCodeZip.fileName(runtime);
  }

  /**
   * The CodeSha256 the local cloud gives the function declared by these template properties, when they
   * declare literal inline code for a Python or Node.js runtime.
   */
  public static Optional<String> localCodeSha256(JsonNode functionProperties) {
    JsonNode source = functionProperties.path("Code").path("ZipFile");
    String file = fileName(functionProperties.path("Runtime").isTextual() ? functionProperties.path("Runtime").asText() : null);
    if (!source.isTextual() || file == null) {
      return Optional.empty();
    }
    return Optional.of(CodeSha256.of(InlineCodeZip.zip(file, source.asText())));
  }

  /** Whether live code with this runtime and handler is what inline code makes: index.* on Python or Node.js. */
  public static boolean looksInline(String runtime, String handler) {
    return fileName(runtime) != null && handler != null && handler.startsWith("index.");
  }

  /**
   * Whether a live function with this runtime and handler still runs the inline code its template
   * declares: the template has {@code Code.ZipFile} (for a Python or Node.js runtime), and the live runtime
   * and handler are the template's. A runtime or handler the template computes (a {@code Ref}, say) is
   * checked as {@link #looksInline} does instead.
   */
  public static boolean matchesTemplate(JsonNode functionProperties, String runtime, String handler) {
    if (!functionProperties.path("Code").has("ZipFile") || !looksInline(runtime, handler)) {
      return false;
    }
    JsonNode declaredRuntime = functionProperties.path("Runtime");
    JsonNode declaredHandler = functionProperties.path("Handler");
    return (!declaredRuntime.isTextual() || declaredRuntime.asText().equals(runtime))
        && (!declaredHandler.isTextual() || declaredHandler.asText().equals(handler));
  }
}
