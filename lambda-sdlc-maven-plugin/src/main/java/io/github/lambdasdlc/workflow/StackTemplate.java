package io.github.lambdasdlc.workflow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A CloudFormation template body and where it came from (for messages): a file of the project, or the
 * built-in template that declares the Python stub.
 */
public record StackTemplate(String body, String source) {
  /** File endings CloudFormation tools accept for templates. */
  public static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json", ".template", ".cft");

  /** CloudFormation's limit for a TemplateBody passed inline (larger ones must come from S3). */
  public static final int MAX_BODY_BYTES = 51_200;

  private static final String BUILT_IN = "lambda-sdlc-default-template.yaml";

  /** For messages: {@code the built-in template}, or {@code the template <path>}. */
  public String described() {
    return source.startsWith("the ") ? source : "the template " + source;
  }

  /** The built-in template: a Python stub function, its role with logging rights only, a log group, outputs. */
  public static StackTemplate builtIn() {
    try (InputStream in = StackTemplate.class.getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException("The plugin jar lacks " + BUILT_IN);
      }
      return new StackTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the built-in template");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The template to use: the one given, else the only template in {@code directory}, else the built-in one.
   *
   * @param file the {@code template} setting, or null
   * @param directory the conventional directory ({@code src/main/cloudformation})
   * @param baseDir the project's directory, to print paths relative to it
   */
  public static StackTemplate locate(Path file, Path directory, Path baseDir) {
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw WorkflowException.userError("The template " + file + " (lambda-sdlc.template) does not exist. Point"
            + " lambda-sdlc.template at a CloudFormation template, or remove the setting to use "
            + directory + " or the built-in template.");
      }
      return read(file, baseDir);
    }
    if (!Files.isDirectory(directory)) {
      return builtIn();
    }
    List<Path> candidates;
    try (Stream<Path> list = Files.list(directory)) {
      candidates = list.filter(Files::isRegularFile)
          .filter(p -> EXTENSIONS.stream().anyMatch(ext -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
          .sorted().toList();
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot list " + directory + ": " + e.getMessage(), e);
    }
    if (candidates.isEmpty()) {
      return builtIn();
    }
    if (candidates.size() > 1) {
      throw WorkflowException.userError("There are several templates in " + relative(directory, baseDir) + ": "
          + candidates.stream().map(p -> p.getFileName().toString()).toList()
          + ". Choose one with -Dlambda-sdlc.template=FILE (or <template>).");
    }
    return read(candidates.get(0), baseDir);
  }

  private static StackTemplate read(Path file, Path baseDir) {
    String body;
    try {
      body = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw WorkflowException.userError("Cannot read the template " + file + ": " + e.getMessage(), e);
    }
    int size = body.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_BODY_BYTES) {
      throw WorkflowException.userError("The template " + relative(file, baseDir) + " has " + size + " bytes;"
          + " CloudFormation takes at most " + MAX_BODY_BYTES + " bytes inline, and lambda-sdlc uses no S3 bucket."
          + " Shorten it (move inline code out, drop comments) or split it into nested stacks.");
    }
    if (body.isBlank()) {
      throw WorkflowException.userError("The template " + relative(file, baseDir) + " is empty.");
    }
    return new StackTemplate(body, relative(file, baseDir));
  }

  private static String relative(Path p, Path baseDir) {
    try {
      return baseDir == null ? p.toString() : baseDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }
}
