package io.github.lambdasdlc.local.cloudformation.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The modules AWS provides to inline ({@code Code.ZipFile}) custom resource code, {@code cfnresponse} (Python)
 * and {@code cfn-response} (Node.js), as our own modules with the same {@code send} signature: added to the
 * inline zip when the code uses them (so that a template's stub, which does not, keeps its CodeSha256).
 */
final class CfnResponseModules {
  private CfnResponseModules() {
  }

  /** The inline code's files: {@code fileName} with {@code source}, and the module it imports, if any. */
  static Map<String, String> files(String fileName, String source) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(fileName, source);
    if (fileName.endsWith(".py") && source.contains("cfnresponse")) {
      files.put("cfnresponse.py", resource("cfnresponse.py"));
    } else if (fileName.endsWith(".js") && source.contains("cfn-response")) {
      files.put("node_modules/cfn-response/index.js", resource("cfn-response.js"));
    }
    return files;
  }

  private static String resource(String name) {
    try (InputStream in = CfnResponseModules.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the plugin");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
