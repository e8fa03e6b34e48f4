package io.github.lambdasdlc.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The one escaping rule of the plugin's XML: what it writes, an XML parser reads back. */
class XmlTextTest {

  @Test
  void escapesMarkupAndKeepsCarriageReturns() {
    assertThat(XmlText.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    assertThat(XmlText.escape("line1\r\nline2\ttab")).isEqualTo("line1&#xD;\nline2\ttab");
  }

  @Test
  void whatXmlCannotCarryBecomesAReplacementCharacterInContentAndAttributes() throws Exception {
    String text = "bell\u0007 lone\uD800 pair\uD83D\uDE00 cr\r\n quote\" apos' end\uFFFF";
    String xml = "<r a=\"" + XmlText.escape(text) + "\" b='" + XmlText.escape(text) + "'>" + XmlText.escape(text) + "</r>";
    Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    String expected = "bell\uFFFD lone\uFFFD pair\uD83D\uDE00 cr\r\n quote\" apos' end\uFFFD";
    assertThat(root.getTextContent()).isEqualTo(expected);
    // Attribute values normalise line breaks to spaces unless written as references: CR survives, LF does not.
    assertThat(root.getAttribute("a")).isEqualTo(expected.replace('\n', ' '));
    assertThat(root.getAttribute("b")).isEqualTo(root.getAttribute("a"));
  }
}
