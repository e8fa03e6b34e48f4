package io.github.lambdasdlc.xml;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes XML, the one way the plugin does: the local cloud's AWS Query responses and the integration-test goal's
 * JUnit reports. Elements come out in the order written, text and attribute values escaped by {@link XmlText},
 * lists as {@code <member>} elements (the Query protocol's shape), timestamps as ISO-8601 UTC with milliseconds
 * (as CloudFormation sends them). Null values are left out, because Query responses omit members that have no
 * value. Documents meant for people ({@link #declaration()}, {@link #newline(int)}) may be indented.
 */
public final class XmlWriter {
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();

  /** {@code <?xml version="1.0" encoding="UTF-8"?>} and a line break. */
  public XmlWriter declaration() {
    out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    return this;
  }

  /** An element holding text; nothing when the value is null. */
  public XmlWriter text(String name, Object value) {
    if (value == null) {
      return this;
    }
    out.append('<').append(name).append('>');
    XmlText.escape(String.valueOf(value), out);
    out.append("</").append(name).append('>');
    return this;
  }

  /**
   * An element with attributes holding text (which may be null for an empty element).
   *
   * @param attributes names and values in turn; an attribute whose value is null is left out
   */
  public XmlWriter text(String name, String[] attributes, Object value) {
    start(name, attributes);
    if (value != null) {
      XmlText.escape(String.valueOf(value), out);
    }
    return end(name);
  }

  public XmlWriter time(String name, Instant value) {
    return value == null ? this : text(name, TIMESTAMP.format(value));
  }

  /** An element holding other elements. */
  public XmlWriter element(String name, Consumer<XmlWriter> body) {
    out.append('<').append(name).append('>');
    body.accept(this);
    out.append("</").append(name).append('>');
    return this;
  }

  /**
   * An element's start tag, to be closed by {@link #end(String)}.
   *
   * @param attributes names and values in turn; an attribute whose value is null is left out
   */
  public XmlWriter start(String name, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name, value pairs: " + attributes.length);
    }
    out.append('<').append(name);
    for (int i = 0; i < attributes.length; i += 2) {
      if (attributes[i + 1] != null) {
        out.append(' ').append(attributes[i]).append("=\"");
        XmlText.escapeAttribute(attributes[i + 1], out);
        out.append('"');
      }
    }
    out.append('>');
    return this;
  }

  /** An element's end tag. */
  public XmlWriter end(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** A line break and {@code depth} levels of two-space indentation, for documents people read. */
  public XmlWriter newline(int depth) {
    out.append('\n').append("  ".repeat(depth));
    return this;
  }

  /** A list of text members: {@code <Name><member>a</member>...</Name>}. */
  public XmlWriter textList(String name, Collection<String> values) {
    if (values == null) {
      return this;
    }
    return element(name, w -> values.forEach(v -> w.text("member", v)));
  }

  /** A list of structure members. */
  public <T> XmlWriter list(String name, Collection<T> values, BiConsumer<XmlWriter, T> member) {
    if (values == null) {
      return this;
    }
    return element(name, w -> values.forEach(v -> w.element("member", m -> member.accept(m, v))));
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Text escaped for XML, by the plugin's one rule ({@link XmlText}). */
  public static String escape(String text) {
    return XmlText.escape(text);
  }
}
