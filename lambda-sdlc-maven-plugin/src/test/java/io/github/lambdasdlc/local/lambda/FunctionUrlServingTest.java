package io.github.lambdasdlc.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lambdasdlc.local.LocalCloud;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Cors;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * A function URL over plain HTTP (java.net.http, no SDK): the request as the payload format 2.0 event the
 * function sees, its answers back as HTTP, CORS, AWS_IAM, and AWS's statuses for failures.
 */
class FunctionUrlServingTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HANDLER = String.join("\n",
      "import base64",
      "def handler(event, context):",
      "    path = event['rawPath']",
      "    if path.startswith('/echo'):",
      "        return event",
      "    if path == '/string':",
      "        return 'Hello (world)'",
      "    if path == '/fail':",
      "        raise Exception('boom')",
      "    if path == '/binary':",
      "        return {'statusCode': 201, 'headers': {'content-type': 'image/png', 'x-custom': 'yes'},",
      "                'cookies': ['a=1', 'b=2; Path=/'], 'body': base64.b64encode(b'\\x89PNG').decode(),",
      "                'isBase64Encoded': True}",
      "    if path == '/own-cors':",
      "        return {'statusCode': 200, 'headers': {'Access-Control-Allow-Origin': 'https://evil.example'}, 'body': 'x'}",
      "    if path == '/bad-status':",
      "        return {'statusCode': 'abc'}",
      "    return {'statusCode': 404, 'body': 'no route ' + path}",
      "");

  @TempDir
  static Path dir;
  private static LocalCloud cloud;
  private static LambdaClient lambda;
  private static String url;
  private static String iamUrl;
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  @BeforeAll
  static void start() {
    cloud = LambdaTestSupport.start(dir);
    lambda = LambdaTestSupport.client(cloud);
    lambda.createFunction(LambdaTestSupport.create("web", LambdaTestSupport.zip(Map.of("index.py", HANDLER))).build());
    LambdaTestSupport.waitActive(lambda, "web");
    url = lambda.createFunctionUrlConfig(b -> b.functionName("web").authType(FunctionUrlAuthType.NONE)
        .cors(Cors.builder().allowOrigins("https://app.example").allowMethods("GET", "POST")
            .allowHeaders("content-type").exposeHeaders("x-custom").maxAge(600).build())).functionUrl();
    lambda.publishVersion(b -> b.functionName("web"));
    lambda.createAlias(b -> b.functionName("web").name("secure").functionVersion("1"));
    iamUrl = lambda.createFunctionUrlConfig(b -> b.functionName("web").qualifier("secure")
        .authType(FunctionUrlAuthType.AWS_IAM)).functionUrl();
  }

  @AfterAll
  static void stop() {
    lambda.close();
    cloud.close();
  }

  @Test
  void theRequestReachesTheFunctionAsThePayloadFormat20Event() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "echo/a%20b?x=1&x=2&y=%C3%A9"))
        .header("X-Repeated", "one").header("X-Repeated", "two").header("Cookie", "c1=v1; c2=v2")
        .header("Content-Type", "application/json").header("User-Agent", "test-agent")
        .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")));
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).contains("application/json");
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.path("version").asText()).isEqualTo("2.0");
    assertThat(event.path("routeKey").asText()).isEqualTo("$default");
    assertThat(event.path("rawPath").asText()).isEqualTo("/echo/a%20b");
    assertThat(event.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=%C3%A9");
    assertThat(event.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
    assertThat(event.path("queryStringParameters").path("y").asText()).isEqualTo("é");
    assertThat(event.path("headers").path("x-repeated").asText()).isEqualTo("one,two");
    assertThat(event.path("headers").has("cookie")).isFalse();
    assertThat(event.path("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
    assertThat(event.path("body").asText()).isEqualTo("{\"k\":1}");
    assertThat(event.path("isBase64Encoded").asBoolean()).isFalse();
    JsonNode context = event.path("requestContext");
    assertThat(context.path("accountId").asText()).isEqualTo("anonymous");
    assertThat(context.path("http").path("method").asText()).isEqualTo("POST");
    assertThat(context.path("http").path("path").asText()).isEqualTo("/echo/a b");
    assertThat(context.path("http").path("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(context.path("http").path("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(context.path("http").path("userAgent").asText()).isEqualTo("test-agent");
    assertThat(context.path("domainName").asText()).isEqualTo(URI.create(url).getAuthority());
    assertThat(context.path("timeEpoch").asLong()).isPositive();
    assertThat(context.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(context.path("requestId").asText()).isEqualTo(response.headers().firstValue("x-amzn-RequestId")
        .orElseThrow());
  }

  @Test
  void aBinaryBodyReachesTheFunctionInBase64() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "echo"))
        .header("Content-Type", "application/octet-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0, 1, 2, (byte) 0xff})));
    JsonNode event = JSON.readTree(response.body());
    assertThat(event.path("isBase64Encoded").asBoolean()).isTrue();
    assertThat(event.path("body").asText()).isEqualTo("AAEC/w==");
  }

  @Test
  void answersBecomeHttpResponses() throws Exception {
    HttpResponse<String> string = send(HttpRequest.newBuilder(URI.create(url + "string")));
    assertThat(string.statusCode()).isEqualTo(200);
    assertThat(string.headers().firstValue("content-type")).contains("application/json");
    assertThat(string.body()).isEqualTo("\"Hello (world)\"");

    HttpResponse<byte[]> binary = HTTP.send(HttpRequest.newBuilder(URI.create(url + "binary")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(binary.statusCode()).isEqualTo(201);
    assertThat(binary.body()).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(binary.headers().firstValue("content-type")).contains("image/png");
    assertThat(binary.headers().firstValue("x-custom")).contains("yes");
    assertThat(binary.headers().allValues("set-cookie")).containsExactly("a=1", "b=2; Path=/");

    HttpResponse<String> notFound = send(HttpRequest.newBuilder(URI.create(url + "elsewhere")));
    assertThat(notFound.statusCode()).isEqualTo(404);
    assertThat(notFound.body()).isEqualTo("no route /elsewhere");
  }

  @Test
  void aFunctionErrorOrAnUnusableAnswerIs502() throws Exception {
    assertThat(send(HttpRequest.newBuilder(URI.create(url + "fail"))).statusCode()).isEqualTo(502);
    HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(url + "bad-status")));
    assertThat(bad.statusCode()).isEqualTo(502);
    assertThat(bad.body()).isEqualTo("Internal Server Error");
  }

  @Test
  void aBodyOverInvokesLimitIs413() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url + "echo"))
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[6_300_000])));
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void corsPreflightIsAnsweredWithoutTheFunctionAndAnswersCarryTheConfiguredHeaders() throws Exception {
    HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(url + "echo"))
        .header("Origin", "https://app.example").header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).contains("https://app.example");
    assertThat(preflight.headers().firstValue("access-control-allow-methods")).contains("GET,POST");
    assertThat(preflight.headers().firstValue("access-control-allow-headers")).contains("content-type");
    assertThat(preflight.headers().firstValue("access-control-max-age")).contains("600");
    assertThat(preflight.body()).isEmpty();

    HttpResponse<String> otherOrigin = send(HttpRequest.newBuilder(URI.create(url + "echo"))
        .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    assertThat(otherOrigin.headers().firstValue("access-control-allow-origin")).isEmpty();

    HttpResponse<String> own = send(HttpRequest.newBuilder(URI.create(url + "own-cors"))
        .header("Origin", "https://app.example"));
    assertThat(own.headers().allValues("access-control-allow-origin")).containsExactly("https://app.example");
    assertThat(own.headers().firstValue("access-control-expose-headers")).contains("x-custom");
  }

  @Test
  void anAwsIamUrlNeedsASigV4Signature() throws Exception {
    HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(iamUrl + "echo")));
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(unsigned.body()).isEqualTo("{\"Message\":\"Forbidden\"}");

    HttpResponse<String> signed = send(HttpRequest.newBuilder(URI.create(iamUrl + "echo"))
        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/lambda/aws4_request, "
            + "SignedHeaders=host, Signature=00"));
    assertThat(signed.statusCode()).isEqualTo(200);
    JsonNode context = JSON.readTree(signed.body()).path("requestContext");
    assertThat(context.path("authorizer").path("iam").path("accessKey").asText()).isEqualTo("AKIDEXAMPLE");
    assertThat(context.path("accountId").asText()).isEqualTo("000000000000");
  }

  @Test
  void aHostThatIsNoLoopbackNameIsRefused() throws Exception {
    // A web page that rebinds its own name to 127.0.0.1 sends that name as Host.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(url).getPort())) {
      socket.getOutputStream().write(("GET /echo HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
