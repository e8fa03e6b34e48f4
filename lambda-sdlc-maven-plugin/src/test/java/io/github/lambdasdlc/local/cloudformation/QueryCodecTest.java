package io.github.lambdasdlc.local.cloudformation;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.core.AwsError;
import io.github.lambdasdlc.local.http.HttpRequest;
import io.github.lambdasdlc.local.http.HttpResponse;
import io.github.lambdasdlc.xml.XmlWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryCodecTest {

  private static QueryRequest decode(String form) {
    return QueryCodec.decode(new HttpRequest("POST", "/", null, Map.of(), form.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void decodesMemberListsInIndexOrderWhateverTheirOrderOnTheWire() {
    QueryRequest q = decode("Action=CreateStack&Capabilities.member.2=CAPABILITY_NAMED_IAM"
        + "&Capabilities.member.1=CAPABILITY_IAM&Capabilities.member.10=CAPABILITY_AUTO_EXPAND");
    assertThat(q.action()).isEqualTo("CreateStack");
    assertThat(q.list("Capabilities")).containsExactly("CAPABILITY_IAM", "CAPABILITY_NAMED_IAM",
        "CAPABILITY_AUTO_EXPAND");
    assertThat(q.list("NotificationARNs")).isEmpty();
    assertThat(q.hasList("NotificationARNs")).isFalse();
  }

  @Test
  void decodesStructureListsWithPercentEncodedValues() {
    QueryRequest q = decode("Parameters.member.1.ParameterKey=Greeting&Parameters.member.1.ParameterValue=a%26b%3Dc+d"
        + "&Parameters.member.2.ParameterKey=Old&Parameters.member.2.UsePreviousValue=true"
        + "&Tags.member.1.Key=team&Tags.member.1.Value=%E2%9C%93");
    List<Map<String, String>> params = q.structs("Parameters");
    assertThat(params).hasSize(2);
    assertThat(params.get(0)).containsEntry("ParameterKey", "Greeting").containsEntry("ParameterValue", "a&b=c d");
    assertThat(params.get(1)).containsEntry("ParameterKey", "Old").containsEntry("UsePreviousValue", "true");
    assertThat(q.structs("Tags")).containsExactly(Map.of("Key", "team", "Value", "\u2713"));
  }

  @Test
  void anEmptyListIsSentAsTheBareName() {
    QueryRequest q = decode("Action=UpdateStack&Tags=");
    assertThat(q.hasList("Tags")).isTrue();
    assertThat(q.structs("Tags")).isEmpty();
  }

  @Test
  void escapesTextForXml() {
    assertThat(XmlWriter.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;");
    assertThat(XmlWriter.escape("line1\r\nline2\ttab")).isEqualTo("line1&#xD;\nline2\ttab");
    assertThat(XmlWriter.escape("bell\u0007")).isEqualTo("bell\uFFFD");
  }

  @Test
  void writesListsAsMembersAndTimestampsAsIsoUtcAndLeavesNullsOut() {
    XmlWriter w = new XmlWriter();
    w.textList("Capabilities", List.of("CAPABILITY_IAM"))
        .list("Tags", List.of(Map.entry("k", "v<")), StackXml::tag)
        .time("CreationTime", Instant.parse("2026-01-02T03:04:05.678Z"))
        .text("Description", null);
    assertThat(w.toString()).isEqualTo("<Capabilities><member>CAPABILITY_IAM</member></Capabilities>"
        + "<Tags><member><Key>k</Key><Value>v&lt;</Value></member></Tags>"
        + "<CreationTime>2026-01-02T03:04:05.678Z</CreationTime>");
  }

  @Test
  void responseHasTheResultBeforeTheMetadata() {
    HttpResponse r = QueryCodec.response("CreateStack", "req-1", w -> w.text("StackId", "arn:x"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("Content-Type", "text/xml");
    assertThat(r.bodyText()).contains("<CreateStackResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
        + "<CreateStackResult><StackId>arn:x</StackId></CreateStackResult>"
        + "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></CreateStackResponse>");
  }

  @Test
  void errorDocumentHasTypeCodeMessageAndRequestId() {
    HttpResponse r = QueryCodec.error(CloudFormationErrors.validation("Stack with id a&b does not exist"), "req-2");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).contains("<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\">"
        + "<Error><Type>Sender</Type><Code>ValidationError</Code><Message>Stack with id a&amp;b does not exist"
        + "</Message></Error><RequestId>req-2</RequestId></ErrorResponse>");
    HttpResponse server = QueryCodec.error(new AwsError(500, "InternalFailure", "boom", false), "req-3");
    assertThat(server.bodyText()).contains("<Type>Receiver</Type>");
  }

  @Test
  void validationMessagesCountTheirProblemsAsAwsDoes() {
    AwsError one = catchError(() -> new CloudFormationErrors.Constraints().notNull("stackName", null).check());
    assertThat(one.getMessage()).isEqualTo("1 validation error detected: Value null at 'stackName' failed to satisfy"
        + " constraint: Member must not be null");
    AwsError two = catchError(() -> new CloudFormationErrors.Constraints()
        .pattern("stackName", "1bad_name", CloudFormationErrors.NAME_PATTERN)
        .maxLength("stackName", "1bad_name", 3, true).check());
    assertThat(two.getMessage()).startsWith("2 validation errors detected: Value '1bad_name' at 'stackName' failed"
        + " to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*; ");
  }

  private static AwsError catchError(Runnable r) {
    try {
      r.run();
    } catch (AwsError e) {
      return e;
    }
    throw new AssertionError("no error");
  }
}
