package io.github.lambdasdlc.local.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A request whose handling throws an Error (a stack overflow, memory exhausted by one request) gets the
 * service's own 500, which quotes nothing from the exception, one short log record, and the server goes on
 * serving on the same threads.
 */
class ServiceErrorsSurviveTest {
  private static final String AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/boom/aws4_request,"
      + " SignedHeaders=host, Signature=00";

  /** Throws what the request's path names; answers 200 "fine" to {@code /fine}. */
  private static final Service BOOM = new Service() {
    @Override
    public String signingName() {
      return "boom";
    }

    @Override
    public boolean claims(HttpRequest request) {
      return true;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
      return switch (request.path()) {
        case "/overflow" -> HttpResponse.text(200, "text/plain", String.valueOf(recurse(0)));
        case "/oom" -> throw new OutOfMemoryError("Java heap space (secret-value)");
        case "/runtime" -> throw new IllegalStateException("secret-value");
        default -> HttpResponse.text(200, "text/plain", "fine");
      };
    }

    private int recurse(int n) {
      return recurse(n + 1) + 1;
    }
  };

  @Test
  void errorsAreAnsweredWithTheService500AndTheServerStaysUp() throws Exception {
    List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger logger = Logger.getLogger(LocalHttpServer.class.getName());
    logger.addHandler(capture);
    HttpClient http = HttpClient.newHttpClient();
    try (LocalHttpServer server = LocalHttpServer.start(InetAddress.getLoopbackAddress(), 0, List.of(BOOM))) {
      for (int round = 0; round < 3; round++) {
        for (String path : List.of("/overflow", "/oom", "/runtime")) {
          var response = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.endpoint() + path))
              .header("Authorization", AUTH).POST(BodyPublishers.ofString("{}")).build(), BodyHandlers.ofString());
          assertThat(response.statusCode()).as(path).isEqualTo(500);
          assertThat(response.headers().firstValue("x-amzn-ErrorType")).as(path).hasValue("InternalFailure");
          assertThat(response.body()).as(path).contains("unknown error").doesNotContain("secret-value")
              .doesNotContain("Error");
        }
        var fine = http.send(java.net.http.HttpRequest.newBuilder(URI.create(server.endpoint() + "/fine"))
            .header("Authorization", AUTH).GET().build(), BodyHandlers.ofString());
        assertThat(fine.statusCode()).isEqualTo(200);
        assertThat(fine.body()).isEqualTo("fine");
      }
    } finally {
      logger.removeHandler(capture);
    }
    LogRecord overflow = records.stream().filter(r -> r.getMessage().contains("/overflow")).findFirst().orElseThrow();
    assertThat(overflow.getThrown()).isNull();
    assertThat(overflow.getMessage()).contains("StackOverflowError").hasSizeLessThan(2_000);
  }
}
