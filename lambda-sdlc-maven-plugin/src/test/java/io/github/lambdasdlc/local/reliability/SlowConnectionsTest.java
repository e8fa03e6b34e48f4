package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * More connections than the server has threads, each trickling out a request it never finishes, plus
 * connections that send nothing at all: before, 530 such connections held all 512 threads and every other
 * connection was closed unanswered, for good. Now a signed client's requests are served meanwhile (late at
 * worst, never refused), and the server closes the slow connections once they exceed its request time.
 */
class SlowConnectionsTest {
  private static final int SLOW = 600;
  private static final int SILENT = 300;

  @TempDir
  Path dir;

  @Test
  void aFloodOfSlowAndSilentConnectionsDoesNotStarveSignedClients() throws Exception {
    List<Socket> slow = new ArrayList<>();
    List<Socket> silent = new ArrayList<>();
    try (LocalCloud cloud = LocalCloud.start(LocalCloudConfig.builder(dir).build());
        LambdaClient lambda = ReliabilityClients.lambda(cloud.endpoint())) {
      assertThat(System.getProperty("sun.net.httpserver.maxReqTime")).as("set before the JVM's first HTTP server")
          .isEqualTo("15");
      for (int i = 0; i < SILENT; i++) {
        silent.add(RawHttp.connect(cloud.endpoint(), Duration.ofSeconds(60)));
      }
      for (int i = 0; i < SLOW; i++) {
        Socket s = RawHttp.connect(cloud.endpoint(), Duration.ofSeconds(60));
        s.getOutputStream().write(("POST /2015-03-31/functions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-" + i + ": ")
            .getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      long started = System.nanoTime();
      for (int i = 0; i < 3; i++) {
        assertThat(lambda.listFunctions().functions()).isEmpty();
      }
      System.out.println("Three ListFunctions during the flood took "
          + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
      for (Socket s : slow) {
        assertThat(closedWithoutAnswer(s.getInputStream())).isTrue();
      }
      lambda.createFunction(ReliabilityClients.createFunction("after", ReliabilityClients.handlerZip("ok")));
      assertThat(lambda.listFunctions().functions()).hasSize(1);
    } finally {
      for (Socket s : slow) {
        s.close();
      }
      for (Socket s : silent) {
        s.close();
      }
    }
  }

  /** Waits (up to the socket's timeout) for the server to close the connection; false if it answered. */
  private static boolean closedWithoutAnswer(InputStream in) throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a connection that never finished its request", e);
    } catch (IOException reset) {
      return true;
    }
  }
}
