package io.github.lambdasdlc.local.cloudformation.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.cfn.TemplateException;
import io.github.lambdasdlc.cfn.TemplateReader;
import io.github.lambdasdlc.local.core.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Expands SAM templates ({@code Transform: AWS::Serverless-2016-10-31}) as CloudFormation does, with AWS's own
 * SAM translator: the {@code aws-sam-translator} Python package (Apache-2.0, which cfn-lint uses too), run by
 * the local {@code python3} as a child process, the way the Python runtime runs. The local cloud does not ship
 * it: when python3 lacks it, the stack is refused with the command that installs it.
 */
public final class SamTransform {
  public static final String SERVERLESS = "AWS::Serverless-2016-10-31";
  public static final String LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions";
  private static final long TIMEOUT_SECONDS = 120;
  private static final String SCRIPT = script();

  private SamTransform() {
  }

  /**
   * The template with its SAM transform applied (as compact JSON), or {@code body} itself when it declares none.
   *
   * @param python the Python 3 command (the local cloud's {@code pythonCommand})
   * @throws TemplateException with the translator's message when the SAM document is invalid, or the install hint
   */
  public static String expand(String body, String python, String region, String accountId, String stackName) {
    JsonNode root = TemplateReader.read(body, TemplateReader.Aliases.REFUSE);
    if (!root.isObject() || !transforms(root).contains(SERVERLESS)) {
      return body;
    }
    ObjectNode request = Json.MAPPER.createObjectNode();
    request.set("template", root);
    request.put("partition", "aws");
    ObjectNode pseudo = request.putObject("parameters");
    pseudo.put("AWS::Region", region);
    pseudo.put("AWS::AccountId", accountId);
    pseudo.put("AWS::Partition", "aws");
    pseudo.put("AWS::StackName", stackName);
    JsonNode answer = run(python, region, request);
    if (answer.has("missing")) {
      throw new TemplateException("Template format error: the template declares Transform " + SERVERLESS + ", which"
          + " the lambda-sdlc local cloud expands with AWS's SAM translator, and " + python + " does not have it ("
          + answer.get("missing").asText() + "). Install it with: " + python + " -m pip install aws-sam-translator");
    }
    if (answer.has("error")) {
      throw new TemplateException("Transform " + SERVERLESS + " failed with: " + answer.get("error").asText());
    }
    ObjectNode processed = (ObjectNode) answer.get("template");
    List<String> rest = new ArrayList<>(transforms(root));
    rest.remove(SERVERLESS);
    processed.remove("Transform");
    if (!rest.isEmpty()) {
      ArrayNode kept = processed.putArray("Transform");
      rest.forEach(kept::add);
    }
    return processed.toString();
  }

  /** The transforms a template declares, in order: {@code Transform} is a name or a list of names. */
  static List<String> transforms(JsonNode root) {
    JsonNode t = root.get("Transform");
    List<String> names = new ArrayList<>();
    if (t != null && t.isTextual()) {
      names.add(t.asText());
    } else if (t != null && t.isArray()) {
      t.forEach(n -> names.add(n.isTextual() ? n.asText() : n.toString()));
    } else if (t != null) {
      names.add(t.toString());
    }
    return names;
  }

  private static JsonNode run(String python, String region, ObjectNode request) {
    Process process;
    try {
      ProcessBuilder pb = new ProcessBuilder(python, "-c", SCRIPT);
      // The translator takes the region of its ARNs from the AWS SDK's environment.
      pb.environment().put("AWS_DEFAULT_REGION", region);
      pb.environment().put("AWS_REGION", region);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      process = pb.start();
    } catch (IOException e) {
      throw new TemplateException("Template format error: the template declares Transform " + SERVERLESS + ", which"
          + " the lambda-sdlc local cloud expands with AWS's SAM translator in Python, and " + python
          + " cannot be started (" + e.getMessage() + "). Install Python 3 and then: " + python
          + " -m pip install aws-sam-translator");
    }
    try {
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
      try (OutputStream in = process.getOutputStream()) {
        in.write(request.toString().getBytes(StandardCharsets.UTF_8));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new TemplateException("Transform " + SERVERLESS + " failed with: the SAM translator did not finish"
            + " within " + TIMEOUT_SECONDS + " seconds");
      }
      String text = new String(out.get(), StandardCharsets.UTF_8).trim();
      if (text.isEmpty()) {
        throw new TemplateException("Transform " + SERVERLESS + " failed with: the SAM translator (" + python
            + ") stopped with exit code " + process.exitValue() + " and no answer");
      }
      return Json.MAPPER.readTree(text);
    } catch (IOException | java.util.concurrent.ExecutionException e) {
      throw new TemplateException("Transform " + SERVERLESS + " failed with: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new TemplateException("Transform " + SERVERLESS + " was interrupted");
    }
  }

  private static byte[] readAll(InputStream in) {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String script() {
    try (InputStream in = SamTransform.class.getResourceAsStream("sam_translate.py")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("sam_translate.py is missing from the plugin", e);
    }
  }
}
