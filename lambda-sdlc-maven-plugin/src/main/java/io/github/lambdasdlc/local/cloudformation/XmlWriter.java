package io.github.lambdasdlc.local.cloudformation;

import io.github.lambdasdlc.xml.XmlText;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes the XML of AWS Query responses: elements in the order written, text escaped, lists as
 * {@code <member>} elements, timestamps as ISO-8601 UTC with milliseconds (as CloudFormation sends
 * them). Null values are left out, because Query responses omit members that have no value.
 */
public final class XmlWriter {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final StringBuilder out = new StringBuilder();

  /** An element holding text; nothing when the value is null. */
  public XmlWriter text(String name, Object value) {
    if (value == null) {
      return this;
    }
    out.append('<').append(name).append('>');
    escape(String.valueOf(value), out);
    out.append("</").append(name).append('>');
    return this;
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

  /** Adds text that is already XML. */
  XmlWriter raw(String xml) {
    out.append(xml);
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  /** Text escaped for XML, by the plugin's one rule ({@link XmlText}). */
  public static String escape(String text) {
    return XmlText.escape(text);
  }

  private static void escape(String text, StringBuilder sb) {
    XmlText.escape(text, sb);
  }
}
