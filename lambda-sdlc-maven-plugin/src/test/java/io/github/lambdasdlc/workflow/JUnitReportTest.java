package io.github.lambdasdlc.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit report, written through the plugin's one XML writer, reads back as written. */
class JUnitReportTest {
  @TempDir
  Path dir;

  @Test
  void aFailureMessageKeepsItsLinesAndMarkupInTheAttributeAndTheText() throws Exception {
    String failure = "expected <ok>\n  but was \"no\" & 'never'";
    EventCase passing = new EventCase("greets", dir.resolve("greets.json"), null, null, null, null, false, null, null);
    EventCase failing = new EventCase("fails", dir.resolve("fails.json"), null, null, null, null, false, null, null);
    EventCase broken = EventCase.unreadable(dir.resolve("broken.json"), "is not valid JSON");
    Path file = JUnitReport.write(dir, "events <suite>", List.of(
        new EventCaseRun.CaseResult(passing, null, "{\"ok\":true}", null, "START\r\nEND", null, 12.5),
        new EventCaseRun.CaseResult(failing, failure, null, null, null, null, 1000),
        new EventCaseRun.CaseResult(broken, "The event case broken.json is not valid JSON", null, null, null, null, 0)));

    Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    assertThat(suite.getAttribute("name")).isEqualTo("events <suite>");
    assertThat(suite.getAttribute("tests")).isEqualTo("3");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("1.013");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(3);
    Element first = (Element) cases.item(0);
    assertThat(first.getAttribute("time")).isEqualTo("0.013");
    assertThat(first.getElementsByTagName("system-out").item(0).getTextContent()).isEqualTo("{\"ok\":true}");
    assertThat(first.getElementsByTagName("system-err").item(0).getTextContent()).isEqualTo("START\r\nEND");
    Element failed = (Element) ((Element) cases.item(1)).getElementsByTagName("failure").item(0);
    assertThat(failed.getAttribute("message")).isEqualTo(failure);
    assertThat(failed.getAttribute("type")).isEqualTo("AssertionError");
    assertThat(failed.getTextContent()).isEqualTo(failure);
    Element error = (Element) ((Element) cases.item(2)).getElementsByTagName("error").item(0);
    assertThat(error.getAttribute("type")).isEqualTo("InvalidEventCase");
  }
}
