package io.github.lambdasdlc.local.httpfront;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.TreeMap;
import java.util.TreeSet;

/** One HTTP API as stored: its loopback port, CORS, Lambda proxy integrations, routes and stages. */
final class HttpApiRecord {
  public String apiId;
  public String name;
  public int port;
  public String endpoint;
  /** The CorsConfiguration as declared; null when none. */
  public ObjectNode cors;
  /** Made with {@code Target} (quick create): its {@code $default} stage needs no Stage resource. */
  public boolean quickCreate;
  public TreeMap<String, Integration> integrations = new TreeMap<>();
  public TreeMap<String, Route> routes = new TreeMap<>();
  public TreeSet<String> stages = new TreeSet<>();

  /** A Lambda proxy integration (AWS_PROXY, payload format 2.0). */
  static final class Integration {
    /** The function's ARN, qualified when the integration names a version or alias. */
    public String functionArn;
    public String payloadFormatVersion = "2.0";
  }

  /** A route: {@code $default} or {@code METHOD /path} with {@code {param}} and a final {@code {proxy+}}. */
  static final class Route {
    public String routeKey;
    /** The integration's id; null for a route without a target. */
    public String integrationId;
  }

  HttpApiRecord copy() {
    HttpApiRecord c = new HttpApiRecord();
    c.apiId = apiId;
    c.name = name;
    c.port = port;
    c.endpoint = endpoint;
    c.cors = cors == null ? null : cors.deepCopy();
    c.quickCreate = quickCreate;
    c.integrations = new TreeMap<>(integrations);
    c.routes = new TreeMap<>(routes);
    c.stages = new TreeSet<>(stages);
    return c;
  }
}
