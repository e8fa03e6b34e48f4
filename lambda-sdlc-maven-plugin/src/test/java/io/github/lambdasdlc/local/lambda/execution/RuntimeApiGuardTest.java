package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Runtime API takes unsigned calls (runtimes do not sign), but not from a web page: a call with an
 * Origin, a Sec-Fetch-Site or a Host other than its own loopback address is refused with 403, and the
 * runtime's own calls go on being served.
 */
class RuntimeApiGuardTest {
  private RuntimeApiServer api;

  @BeforeEach
  void start() throws Exception {
    api = RuntimeApiServer.start("guard");
  }

  @AfterEach
  void stop() {
    api.close();
  }

  /** Sends {@code POST /2018-06-01/runtime/init/error} with the given extra header lines; returns the answer. */
  private String initError(String extraHeaders) throws IOException {
    String[] hostPort = api.address().split(":");
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 10_000);
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /2018-06-01/runtime/init/error HTTP/1.1\r\n" + extraHeaders
          + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void refusesWebPagesAndServesTheRuntime() throws Exception {
    String own = "Host: " + api.address() + "\r\n";
    for (String attack : new String[] {"Host: evil.example:" + api.address().split(":")[1] + "\r\n",
        own + "Origin: https://evil.example\r\n", own + "Sec-Fetch-Site: cross-site\r\n"}) {
      String answer = initError(attack);
      assertThat(answer).as(attack).startsWith("HTTP/1.1 403").contains("AccessDeniedException");
    }
    assertThat(api.initError()).isNotDone();
    // The runtime's own call, as the runtime interface clients send it.
    assertThat(initError(own)).startsWith("HTTP/1.1 202");
    assertThat(api.initError()).isDone();
  }
}
