package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.http.LocalHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Abuse at the HTTP level: huge headers, bodies over the cap or cut short, and slowloris-style
 * connections that never finish their request. Each gets an answer or a closed connection within a
 * short timeout, and the cloud keeps serving the SDK meanwhile and afterwards.
 */
class HttpAbuseTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String LAMBDA_AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request,"
      + " SignedHeaders=host, Signature=00";
  private static final String CFN_AUTH = LAMBDA_AUTH.replace("/lambda/", "/cloudformation/");

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

  private void stillServes() {
    assertThat(cfn.listStacks().stackSummaries()).isEmpty();
    assertThat(lambda.listFunctions().functions()).isEmpty();
  }

  private static Map<String, String> headers(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void bodiesOverTheCapGetA413InEachProtocol() throws IOException {
    byte[] huge = new byte[LocalHttpServer.MAX_BODY_BYTES + 1];
    RawHttp.Answer lambdaAnswer = RawHttp.exchange(cloud.endpoint(), "POST", "/2015-03-31/functions",
        headers("Authorization", LAMBDA_AUTH, "Content-Type", "application/json"), huge, TIMEOUT);
    assertThat(lambdaAnswer.status()).isEqualTo(413);
    assertThat(lambdaAnswer.header("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
    assertThat(BadInputFuzzTest.jsonErrorProblem(lambdaAnswer, "POST")).isNull();

    RawHttp.Answer cfnAnswer = RawHttp.exchange(cloud.endpoint(), "POST", "/",
        headers("Authorization", CFN_AUTH, "Content-Type", "application/x-www-form-urlencoded"), huge, TIMEOUT);
    assertThat(cfnAnswer.status()).isEqualTo(413);
    assertThat(BadInputFuzzTest.queryErrorProblem(cfnAnswer.body())).isNull();
    stillServes();
  }

  @Test
  void hugeHeadersAreAnsweredOrRefusedWithoutHarm() {
    List<String> outcomes = new ArrayList<>();
    Map<String, String> oneHuge = headers("Authorization", LAMBDA_AUTH, "X-Huge", "h".repeat(1 << 20));
    Map<String, String> many = headers("Authorization", LAMBDA_AUTH);
    for (int i = 0; i < 5000; i++) {
      many.put("X-Many-" + i, "v");
    }
    Map<String, String> hugeAuth = headers("Authorization", LAMBDA_AUTH + "x".repeat(200_000));
    for (Map<String, String> h : List.of(oneHuge, many, hugeAuth)) {
      try {
        RawHttp.Answer a = RawHttp.exchange(cloud.endpoint(), "GET", "/2015-03-31/functions/nope", h, null, TIMEOUT);
        outcomes.add(String.valueOf(a.status()));
        assertThat(a.status()).isBetween(400, 499);
      } catch (RawHttp.Hang e) {
        throw new AssertionError("the server hung on huge headers", e);
      } catch (IOException e) {
        // The JDK server may refuse oversized headers by closing the connection: no hang, no harm.
        outcomes.add("closed");
      }
    }
    System.out.println("Huge headers: " + outcomes);
    stillServes();
  }

  @Test
  void bodyCutShortGetsIncompleteBodyOrNothingButNeverHangsTheServer() throws IOException {
    URI endpoint = cloud.endpoint();
    // The client sends half of what it announced, then shuts its side: the server answers 400.
    try (Socket s = RawHttp.connect(endpoint, TIMEOUT)) {
      OutputStream out = s.getOutputStream();
      out.write(("PUT /2015-03-31/functions/fn/code HTTP/1.1\r\nHost: x\r\nAuthorization: " + LAMBDA_AUTH
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ZipFile\":\"").getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput();
      RawHttp.Answer a = RawHttp.read(s.getInputStream(), false);
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.header("x-amzn-ErrorType")).hasValue("IncompleteBody");
    }
    try (Socket s = RawHttp.connect(endpoint, TIMEOUT)) {
      OutputStream out = s.getOutputStream();
      out.write(("POST / HTTP/1.1\r\nHost: x\r\nAuthorization: " + CFN_AUTH
          + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\nAction=Descr")
          .getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput();
      RawHttp.Answer a = RawHttp.read(s.getInputStream(), false);
      assertThat(a.status()).isEqualTo(400);
      assertThat(BadInputFuzzTest.queryErrorProblem(a.body())).isNull();
    }
    // A client that stalls mid-body and then gives up: the server is unaffected.
    try (Socket s = RawHttp.connect(endpoint, Duration.ofMillis(300))) {
      s.getOutputStream().write(("POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(readOrTimeout(s.getInputStream())).isEqualTo("timeout");
    }
    stillServes();
  }

  @Test
  void slowlorisConnectionsDoNotStopTheServer() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Socket s = RawHttp.connect(cloud.endpoint(), Duration.ofMillis(200));
        // A request line and part of a header, never finished.
        s.getOutputStream().write(("POST /2015-03-31/functions HTTP/1.1\r\nHost: x\r\nX-Slow-" + i + ": ")
            .getBytes(StandardCharsets.UTF_8));
        s.getOutputStream().flush();
        slow.add(s);
      }
      for (int round = 0; round < 3; round++) {
        for (Socket s : slow) {
          s.getOutputStream().write('a');
        }
        long started = System.nanoTime();
        stillServes();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
      }
      for (Socket s : slow) {
        // Never answered; closed once it has taken longer than the server allows for a request.
        assertThat(readOrTimeout(s.getInputStream())).isNotEqualTo("answered");
      }
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
    stillServes();
  }

  @Test
  void malformedRequestLinesAreRefused() throws IOException {
    for (String line : List.of("GARBAGE\r\n\r\n", "GET\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "\r\n\r\n\r\n",
        "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n", "GET // HTTP/1.1\r\nHost: x\r\n\r\n")) {
      try (Socket s = RawHttp.connect(cloud.endpoint(), TIMEOUT)) {
        s.getOutputStream().write(line.getBytes(StandardCharsets.ISO_8859_1));
        s.shutdownOutput();
        try {
          RawHttp.Answer a = RawHttp.read(s.getInputStream(), false);
          assertThat(a.status()).as(line).isBetween(400, 499);
        } catch (RawHttp.Hang e) {
          throw new AssertionError("hung on " + line, e);
        } catch (IOException closed) {
          // Closed without an answer: refused, no harm.
        }
      }
    }
    stillServes();
  }

  private static String readOrTimeout(InputStream in) {
    try {
      return in.read() < 0 ? "closed" : "answered";
    } catch (java.net.SocketTimeoutException e) {
      return "timeout";
    } catch (IOException e) {
      return "closed";
    }
  }
}
