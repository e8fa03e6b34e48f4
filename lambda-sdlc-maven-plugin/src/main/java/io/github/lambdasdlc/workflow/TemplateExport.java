package io.github.lambdasdlc.workflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code template} step: writes the built-in template into the project, so that the project owns it
 * and edits it (init then uses that file instead of the built-in one). It never overwrites a file unless
 * asked to, and it does nothing when the file already holds exactly the built-in template.
 */
public final class TemplateExport {

  /** What happened to the file. */
  public enum Outcome { WRITTEN, OVERWRITTEN, UP_TO_DATE }

  private final WorkflowListener listener;

  public TemplateExport(WorkflowListener listener) {
    this.listener = listener;
  }

  /**
   * Writes the built-in template to {@code file}.
   *
   * @param overwrite whether a file with other content may be replaced
   * @param searchedByInit whether init finds templates by listing the file's directory (no
   *     {@code lambda-sdlc.template} set), so that another template there would be ambiguous
   * @param baseDir the project's directory, to print paths relative to it
   * @throws WorkflowException when the file exists with other content and {@code overwrite} is false, or when
   *     another template in the same directory would leave init with two templates to choose from
   */
  public Outcome export(Path file, boolean overwrite, boolean searchedByInit, Path baseDir) {
    String body = StackTemplate.builtIn().body();
    String shown = relative(file, baseDir);
    boolean exists = Files.exists(file);
    if (exists) {
      if (!Files.isRegularFile(file)) {
        throw WorkflowException.userError(shown + " exists and is not a file; the template cannot be written there.");
      }
      String current = read(file);
      if (current.equals(body)) {
        listener.info(shown + " already holds the built-in template: already up to date.");
        return Outcome.UP_TO_DATE;
      }
      if (!overwrite) {
        throw WorkflowException.userError(shown + " already exists with other content, so it was left alone. Run"
            + " again with -Dlambda-sdlc.overwrite=true to replace it with the built-in template (your changes"
            + " to it would be lost).");
      }
    }
    List<Path> others = searchedByInit ? otherTemplates(file) : List.of();
    if (!others.isEmpty()) {
      throw WorkflowException.userError(relative(file.toAbsolutePath().getParent(), baseDir) + " already holds "
          + (others.size() == 1 ? "a template, " : "templates, ")
          + others.stream().map(p -> p.getFileName().toString()).toList() + ": writing " + file.getFileName()
          + " next to it would leave init with several templates to choose from. Edit that one instead.");
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = dir.resolve(file.getFileName() + ".tmp");
      Files.writeString(tmp, body, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot write " + file + ": " + e.getMessage(), e);
    }
    listener.info((exists ? "Replaced " : "Wrote ") + shown + " with the built-in template ("
        + body.getBytes(StandardCharsets.UTF_8).length + " bytes). The project owns it now: edit it, and init"
        + " deploys it instead of the built-in one.");
    return exists ? Outcome.OVERWRITTEN : Outcome.WRITTEN;
  }

  /** Templates other than {@code file} in its directory, which init would also find. */
  private static List<Path> otherTemplates(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().equals(file.getFileName()))
          .filter(p -> StackTemplate.EXTENSIONS.stream()
              .anyMatch(ext -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)))
          .sorted().toList();
    } catch (IOException e) {
      throw WorkflowException.failure("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      // Unreadable (or not UTF-8) counts as other content: never overwritten without asking.
      return "";
    }
  }

  private static String relative(Path p, Path baseDir) {
    try {
      return baseDir == null ? p.toString() : baseDir.toAbsolutePath().relativize(p.toAbsolutePath()).toString();
    } catch (IllegalArgumentException e) {
      return p.toString();
    }
  }
}
