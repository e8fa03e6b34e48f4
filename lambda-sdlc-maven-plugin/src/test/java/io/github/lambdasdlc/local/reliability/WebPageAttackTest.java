package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What a web page in the developer's browser can send to the local cloud on loopback: "simple" cross-site
 * requests (a {@code text/plain} POST, an HTML form post) and, after rebinding its host name to 127.0.0.1,
 * same-origin requests with any header. Each is refused with AWS's 403 for an unsigned request, nothing is
 * created or read, and the SDK (which signs) is served before and after.
 */
class WebPageAttackTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final String LAMBDA_AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request,"
      + " SignedHeaders=host, Signature=00";

  @TempDir
  Path dir;
  LocalCloud cloud;
  CloudFormationClient cfn;
  LambdaClient lambda;

  @BeforeEach
  void start() {
    cloud = LocalCloud.start(LocalCloudConfig.builder(dir).build());
    cfn = ReliabilityClients.cloudFormation(cloud.endpoint());
    lambda = ReliabilityClients.lambda(cloud.endpoint());
  }

  @AfterEach
  void stop() {
    cfn.close();
    lambda.close();
    cloud.close();
  }

  private RawHttp.Answer send(String method, String target, byte[] body, String... kv) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      headers.put(kv[i], kv[i + 1]);
    }
    return RawHttp.exchange(cloud.endpoint(), method, target, headers, body, TIMEOUT);
  }

  private String port() {
    return Integer.toString(cloud.endpoint().getPort());
  }

  private static String body(RawHttp.Answer answer) {
    return new String(answer.body(), StandardCharsets.UTF_8);
  }

  private static void assertLambdaRefusal(RawHttp.Answer answer, String why) {
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.header("x-amzn-ErrorType")).hasValue("MissingAuthenticationTokenException");
    assertThat(body(answer)).contains("Missing Authentication Token").contains(why);
  }

  @Test
  void aTextPlainPostCannotCreateAFunction() throws Exception {
    String zip = Base64.getEncoder().encodeToString(ReliabilityClients.handlerZip("pwned"));
    byte[] create = ("{\"FunctionName\":\"pwned\",\"Runtime\":\"python3.12\",\"Role\":\"" + ReliabilityClients.ROLE
        + "\",\"Handler\":\"index.handler\",\"Code\":{\"ZipFile\":\"" + zip + "\"}}").getBytes(StandardCharsets.UTF_8);

    // What fetch(url, {method: 'POST', mode: 'no-cors', body}) sends from another site.
    RawHttp.Answer answer = send("POST", "/2015-03-31/functions", create, "Content-Type", "text/plain;charset=UTF-8",
        "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site");
    assertLambdaRefusal(answer, "Origin");
    // Even without Origin and Sec-Fetch-Site (an old browser, a plugin): unsigned is refused.
    answer = send("POST", "/2015-03-31/functions", create, "Content-Type", "text/plain");
    assertLambdaRefusal(answer, "signed with AWS Signature Version 4");

    assertThat(lambda.listFunctions().functions()).isEmpty();
    lambda.createFunction(ReliabilityClients.createFunction("signed", ReliabilityClients.handlerZip("ok")));
    assertThat(lambda.listFunctions().functions()).hasSize(1);
  }

  @Test
  void aFormPostCannotCreateAStack() throws Exception {
    String template = "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: python3.12\n"
        + "      Handler: index.handler\n      Role: " + ReliabilityClients.ROLE + "\n      Code:\n        ZipFile: |\n"
        + "          import os\n          def handler(e, c):\n              return os.popen('id').read()\n";
    byte[] form = ("Action=CreateStack&Version=2010-05-15&StackName=pwned&TemplateBody="
        + java.net.URLEncoder.encode(template, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

    RawHttp.Answer answer = send("POST", "/", form, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(answer.status()).isEqualTo(403);
    assertThat(BadInputFuzzTest.queryErrorProblem(answer.body())).isNull();
    assertThat(body(answer)).contains("<Code>MissingAuthenticationToken</Code>")
        .contains("Request is missing Authentication Token");

    assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    assertThat(lambda.listFunctions().functions()).isEmpty();
  }

  @Test
  void aRebindingHostCannotReadAFunction() throws Exception {
    lambda.createFunction(ReliabilityClients.createFunction("secret", ReliabilityClients.handlerZip("ok")).toBuilder()
        .environment(e -> e.variables(Map.of("TOKEN", "hunter2"))).build());
    // After rebinding evil.example to 127.0.0.1 the page is same-origin: it may send any header it likes.
    for (String host : new String[] {"evil.example:" + port(), "localhost.evil.example:" + port(),
        "127.0.0.1.nip.io:" + port(), "localhost:1" + port(), "localhost"}) {
      RawHttp.Answer answer = send("GET", "/2015-03-31/functions/secret", null, "Host", host,
          "Authorization", LAMBDA_AUTH);
      assertLambdaRefusal(answer, "does not name this server");
      assertThat(body(answer)).doesNotContain("hunter2");
    }
    // The names a tool may use for this server are served.
    for (String host : new String[] {"localhost:" + port(), "LOCALHOST:" + port(), "127.0.0.1:" + port(),
        "[::1]:" + port()}) {
      RawHttp.Answer answer = send("GET", "/2015-03-31/functions/secret", null, "Host", host,
          "Authorization", LAMBDA_AUTH);
      assertThat(answer.status()).as(host).isEqualTo(200);
    }
    assertThat(lambda.getFunction(r -> r.functionName("secret")).configuration().environment().variables())
        .containsEntry("TOKEN", "hunter2");
  }

  @Test
  void anOriginOrAFetchSiteIsRefusedEvenWhenSigned() throws Exception {
    for (String[] header : new String[][] {{"Origin", "https://evil.example"}, {"Origin", "null"},
        {"Sec-Fetch-Site", "cross-site"}, {"Sec-Fetch-Site", "same-site"}}) {
      RawHttp.Answer answer = send("GET", "/2015-03-31/functions", null, "Authorization", LAMBDA_AUTH,
          header[0], header[1]);
      assertLambdaRefusal(answer, header[0]);
    }
    RawHttp.Answer download = send("GET", "/local-cloud/lambda/code/" + "0".repeat(64) + ".zip", null,
        "Origin", "https://evil.example");
    assertLambdaRefusal(download, "Origin");
    assertThat(lambda.listFunctions().functions()).isEmpty();
  }
}
