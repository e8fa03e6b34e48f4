package io.github.lambdasdlc.local.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a plain socket, so that a test can send what well-behaved clients refuse to: request
 * targets that are no valid URI, any header bytes, bodies shorter than their Content-Length.
 */
final class RawHttp {
  /** A response as read: status, headers (names in lower case) and body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    Optional<String> header(String name) {
      return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** Thrown when no complete answer came within the timeout. */
  static final class Hang extends IOException {
    Hang(String message) {
      super(message);
    }
  }

  private RawHttp() {
  }

  /** Sends one request with {@code Connection: close} and reads the whole answer; Host is the endpoint's unless given. */
  static Answer exchange(URI endpoint, String method, String target, Map<String, String> headers, byte[] body,
      Duration timeout) throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    if (!headers.containsKey("Host")) {
      head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
    }
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    try (Socket socket = connect(endpoint, timeout)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream(), method.equals("HEAD"));
    } catch (SocketTimeoutException e) {
      throw new Hang("no answer within " + timeout);
    }
  }

  static Socket connect(URI endpoint, Duration timeout) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), (int) timeout.toMillis());
    socket.setSoTimeout((int) timeout.toMillis());
    return socket;
  }

  /** Reads a response until the server closes the connection (or its Content-Length is reached). */
  static Answer read(InputStream in, boolean head) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    int headerEnd = -1;
    Map<String, String> headers = new LinkedHashMap<>();
    int status = -1;
    long contentLength = -1;
    for (int n; (n = in.read(chunk)) > 0; ) {
      buffer.write(chunk, 0, n);
      byte[] all = buffer.toByteArray();
      if (headerEnd < 0) {
        headerEnd = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (headerEnd >= 0) {
          String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
          status = Integer.parseInt(lines[0].split(" ")[1]);
          for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
              headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
          }
          contentLength = head || status == 204 || status == 304 ? 0
              : Long.parseLong(headers.getOrDefault("content-length", "-1"));
        }
      }
      if (headerEnd >= 0 && contentLength >= 0 && all.length - headerEnd - 4 >= contentLength) {
        break;
      }
    }
    byte[] all = buffer.toByteArray();
    if (headerEnd < 0) {
      throw new IOException("the server closed the connection without a complete answer (" + all.length + " bytes)");
    }
    byte[] body = Arrays.copyOfRange(all, headerEnd + 4, all.length);
    if (contentLength >= 0 && body.length < contentLength) {
      throw new IOException("the answer's body was cut at " + body.length + " of " + contentLength + " bytes");
    }
    return new Answer(status, headers, contentLength >= 0 ? Arrays.copyOf(body, (int) contentLength) : body);
  }

  private static int indexOf(byte[] data, byte[] pattern) {
    outer:
    for (int i = 0; i + pattern.length <= data.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (data[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
