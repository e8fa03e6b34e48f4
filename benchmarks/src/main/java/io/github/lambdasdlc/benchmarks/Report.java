package io.github.lambdasdlc.benchmarks;

import java.util.ArrayList;
import java.util.List;

/** The suite's results as Markdown: one section per measurement, each a note and a table. */
final class Report {
  private final StringBuilder out = new StringBuilder();

  void title(String text) {
    out.append("# ").append(text).append("\n\n");
  }

  void section(String title, String note) {
    out.append("## ").append(title).append("\n\n");
    if (note != null && !note.isBlank()) {
      out.append(note.strip()).append("\n\n");
    }
  }

  void paragraph(String text) {
    out.append(text.strip()).append("\n\n");
  }

  Table table(String... header) {
    return new Table(List.of(header));
  }

  /** A Markdown table; {@link #end()} appends it to the report. */
  final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> header) {
      this.header = header;
    }

    Table row(Object... cells) {
      List<String> r = new ArrayList<>();
      for (Object c : cells) {
        r.add(String.valueOf(c).replace("|", "\\|"));
      }
      rows.add(r);
      return this;
    }

    void end() {
      out.append("| ").append(String.join(" | ", header)).append(" |\n|");
      for (int i = 0; i < header.size(); i++) {
        out.append(i == 0 ? "---|" : "---:|");
      }
      out.append('\n');
      for (List<String> r : rows) {
        out.append("| ").append(String.join(" | ", r)).append(" |\n");
      }
      out.append('\n');
    }
  }

  String markdown() {
    return out.toString();
  }
}
