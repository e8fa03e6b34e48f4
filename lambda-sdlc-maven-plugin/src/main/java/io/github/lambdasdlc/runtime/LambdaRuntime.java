package io.github.lambdasdlc.runtime;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime identifier Lambda knows, with its lifecycle as AWS publishes it: the runtime catalogue. The table is
 * generated from AWS's facts (see {@link LambdaRuntimeTable}); which runtimes the local cloud runs, and with what,
 * is the one hand-written column ({@link LocalRunner}). This class answers the questions the local cloud's
 * validation and execution engine, the workflow's Java-runtime checks and the README's runtime table ask, so
 * that the identifiers, the dates and the rules exist once.
 *
 * <p>Lambda deprecates a runtime in phases (the "Runtime deprecation" page of the Lambda Developer Guide):
 * from the deprecation date it gets no patches; from the create block, CreateFunction refuses it; from the
 * update block, updating a function that uses it (its code, or a configuration naming it) is refused too,
 * and no function can be changed back to it. Functions that use it keep running and can be invoked.
 *
 * @param id the identifier, such as {@code java21}
 * @param family the language (or OS-only) family, the identifier's leading letters: {@code java}, {@code python},
 *     {@code nodejs}, {@code dotnet}, {@code dotnetcore}, {@code ruby}, {@code go}, {@code provided}
 * @param deprecated the deprecation date, or null when none is announced
 * @param createBlock the first day CreateFunction refuses it, or null
 * @param updateBlock the first day updates are refused, or null
 * @param successor the runtime AWS recommends instead in its refusal, or null for the newest of a family
 * @param architectures the instruction sets Lambda runs it on: {@code x86_64}, and {@code arm64} for every runtime
 *     since Amazon Linux 2
 */
public record LambdaRuntime(String id, String family, LocalDate deprecated, LocalDate createBlock,
    LocalDate updateBlock, String successor, List<String> architectures) {

  private static final Pattern FAMILY = Pattern.compile("[a-z]+");
  private static final Pattern JAVA = Pattern.compile("java(\\d+)(\\.al2)?");
  /** The language version: {@code java21} 21, {@code python3.13} 3.13, {@code nodejs22.x} 22, {@code java8.al2} 8. */
  private static final Pattern VERSION = Pattern.compile("[a-z]+(\\d+)(?:\\.(\\d+))?.*");

  static LambdaRuntime of(String id, String deprecated, String createBlock, String updateBlock, String successor,
      String architectures) {
    Matcher family = FAMILY.matcher(id);
    family.lookingAt();
    return new LambdaRuntime(id, family.group(), date(deprecated), date(createBlock), date(updateBlock), successor,
        List.of(architectures.split(" ")));
  }

  private static LocalDate date(String iso) {
    return iso == null ? null : LocalDate.parse(iso);
  }

  /** Every runtime Lambda knows, in the table's order (by family, then version). */
  public static List<LambdaRuntime> all() {
    return LambdaRuntimeTable.ROWS;
  }

  /** The runtime of that identifier, when Lambda knows it. */
  public static Optional<LambdaRuntime> find(String id) {
    return all().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /**
   * The Java runtimes Lambda runs zip functions on today, oldest first: neither deprecated nor blocked.
   * The old Amazon Linux {@code java8} is out since it was blocked long ago.
   */
  public static List<LambdaRuntime> supportedJava(LocalDate today) {
    return all().stream().filter(r -> r.javaVersion().isPresent() && !r.isDeprecatedOn(today))
        .sorted(Comparator.comparingInt(r -> r.javaVersion().getAsInt()))
        .toList();
  }

  /** The runtimes the local cloud runs, in the table's order. */
  public static List<LambdaRuntime> runnableLocally() {
    return all().stream().filter(r -> r.localRunner().isPresent()).toList();
  }

  /** How the local cloud runs this runtime, or empty when it cannot (see {@link LocalRunner}). */
  public Optional<LocalRunner> localRunner() {
    return LocalRunner.of(this);
  }

  /** The language's major version ({@code python3.13}: 3, {@code nodejs22.x}: 22), or 0 for OS-only runtimes. */
  public int majorVersion() {
    Matcher m = VERSION.matcher(id);
    return m.matches() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The language's minor version ({@code python3.13}: 13), or 0 where the identifier names none. */
  public int minorVersion() {
    Matcher m = VERSION.matcher(id);
    return m.matches() && m.group(2) != null && !id.contains(".al") ? Integer.parseInt(m.group(2)) : 0;
  }

  /** The Java feature version a Java runtime runs ({@code java8.al2}: 8, {@code java21}: 21); empty otherwise. */
  public java.util.OptionalInt javaVersion() {
    Matcher m = JAVA.matcher(id);
    return m.matches() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
  }

  public boolean isDeprecatedOn(LocalDate day) {
    return reached(deprecated, day);
  }

  /** Whether CreateFunction refuses this runtime on that day. */
  public boolean isCreateBlockedOn(LocalDate day) {
    return reached(createBlock, day);
  }

  /** Whether updating a function to or on this runtime is refused on that day. */
  public boolean isUpdateBlockedOn(LocalDate day) {
    return reached(updateBlock, day);
  }

  private static boolean reached(LocalDate date, LocalDate day) {
    return date != null && !day.isBefore(date);
  }
}
