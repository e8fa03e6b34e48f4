package io.github.lambdasdlc.local.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Refuses what a web page can make a browser send to a server on loopback. Binding to loopback keeps other
 * machines out, not the browser on this one: a page may send "simple" cross-site requests (a form post, a
 * {@code text/plain} POST) and, after rebinding its own host name to 127.0.0.1, read the answers. So a
 * request is refused when it carries an {@code Origin} (browsers add it to cross-origin and to every POST),
 * a {@code Sec-Fetch-Site} other than {@code none} (browsers add it to every request a page makes), or a
 * {@code Host} that is not an address of this server (a rebound host name is a name, never an IP literal).
 * Tools (the AWS SDKs, CLIs, the runtime interface clients) send none of these.
 */
public final class BrowserGuard {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-fA-F:.]+\\]");
  private static final int MAX_QUOTED = 200;

  private final int port;
  private final InetAddress bound;

  private BrowserGuard(int port, InetAddress bound) {
    this.port = port;
    this.bound = bound;
  }

  /** The guard of a server listening on {@code address} (a loopback or, when allowed, another address). */
  public static BrowserGuard of(InetSocketAddress address) {
    return new BrowserGuard(address.getPort(), address.getAddress());
  }

  /**
   * Why a request must be refused, or null when it may be served.
   *
   * @param header the first value of a request header by name, or null
   * @param hostRequired whether a request without a Host is refused (HTTP/1.1 clients always send one)
   */
  public String refusal(Function<String, String> header, boolean hostRequired) {
    String host = header.apply("Host");
    if (host == null ? hostRequired : !hostAllowed(host)) {
      return "The Host header " + quoted(host) + " does not name this server: the local cloud answers only"
          + " requests to localhost:" + port + ", 127.0.0.1:" + port + " or [::1]:" + port
          + " (a web page that rebinds its own host name to 127.0.0.1 sends that name).";
    }
    String origin = header.apply("Origin");
    if (origin != null) {
      return "The request carries an Origin header (" + quoted(origin) + "), as a web page's requests do;"
          + " the local cloud answers only tools such as the AWS SDKs and CLIs, which send none.";
    }
    String fetchSite = header.apply("Sec-Fetch-Site");
    if (fetchSite != null && !fetchSite.trim().equalsIgnoreCase("none")) {
      return "The request was made by a web page (Sec-Fetch-Site: " + quoted(fetchSite) + "); the local cloud"
          + " answers only tools such as the AWS SDKs and CLIs.";
    }
    return null;
  }

  /**
   * {@code localhost} or a loopback IP literal, with this server's port (or none when it is 80); when the
   * server listens beyond loopback (an explicit opt-in), also its own address, or any IP literal when it
   * listens on all addresses.
   */
  boolean hostAllowed(String hostHeader) {
    String value = hostHeader.trim().toLowerCase(Locale.ROOT);
    String name = value;
    int colon = value.lastIndexOf(':');
    if (colon > value.lastIndexOf(']')) {
      if (!value.substring(colon + 1).equals(Integer.toString(port))) {
        return false;
      }
      name = value.substring(0, colon);
    } else if (port != 80) {
      return false;
    }
    if (name.equals("localhost")) {
      return true;
    }
    InetAddress literal = literal(name);
    if (literal == null) {
      return false;
    }
    return literal.isLoopbackAddress() || bound.isAnyLocalAddress() || literal.equals(bound);
  }

  /** The address an IP literal names, without any name lookup; null for anything else. */
  private static InetAddress literal(String name) {
    if (IPV4.matcher(name).matches()) {
      byte[] octets = new byte[4];
      String[] parts = name.split("\\.");
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          return null;
        }
        octets[i] = (byte) octet;
      }
      try {
        return InetAddress.getByAddress(octets);
      } catch (UnknownHostException e) {
        return null;
      }
    }
    if (!IPV6.matcher(name).matches()) {
      return null;
    }
    try {
      return InetAddress.getByName(name); // a bracketed IPv6 literal: parsed, never looked up
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static String quoted(String value) {
    if (value == null) {
      return "(none)";
    }
    String shown = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    return "'" + shown + "'";
  }
}
