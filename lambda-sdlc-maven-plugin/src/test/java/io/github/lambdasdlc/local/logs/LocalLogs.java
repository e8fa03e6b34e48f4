package io.github.lambdasdlc.local.logs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.Json;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import io.github.lambdasdlc.local.core.LocalContext;
import io.github.lambdasdlc.local.http.LocalHttpServer;
import io.github.lambdasdlc.local.core.StateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

/**
 * A CloudWatch Logs service alone behind the local cloud's HTTP server, on a state directory, with a
 * writer of log files in the layout the execution engine uses ({@code logs/<group>/<stream>}, names
 * URL-encoded, one {@code {"timestamp","message"}} object a line), written here independently of it.
 */
final class LocalLogs implements AutoCloseable {
  final Path stateDir;
  final StateStore store;
  final LogsService service;
  final LocalHttpServer server;
  private final ScheduledExecutorService scheduler;

  private LocalLogs(Path stateDir, StateStore store, LogsService service, LocalHttpServer server,
      ScheduledExecutorService scheduler) {
    this.stateDir = stateDir;
    this.store = store;
    this.service = service;
    this.server = server;
    this.scheduler = scheduler;
  }

  static LocalLogs start(Path stateDir) {
    StateStore store = StateStore.open(stateDir, "test");
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    LocalContext context = new LocalContext(LocalCloudConfig.builder(stateDir).build(), store, scheduler,
        Clock.systemUTC());
    LogsService service = new LogsService(context);
    try {
      LocalHttpServer server = LocalHttpServer.start(InetAddress.getLoopbackAddress(), 0, List.of(service));
      return new LocalLogs(stateDir, store, service, server, scheduler);
    } catch (IOException e) {
      store.close();
      scheduler.shutdownNow();
      throw new UncheckedIOException(e);
    }
  }

  URI endpoint() {
    return server.endpoint();
  }

  CloudWatchLogsClient client() {
    return CloudWatchLogsClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
        .httpClient(UrlConnectionHttpClient.create())
        .build();
  }

  Path logsDir() {
    return stateDir.resolve("logs");
  }

  Path streamFile(String group, String stream) {
    return logsDir().resolve(URLEncoder.encode(group, StandardCharsets.UTF_8))
        .resolve(URLEncoder.encode(stream, StandardCharsets.UTF_8));
  }

  /** Creates a group directory with no streams, as a CloudFormation log group would be. */
  void group(String group) {
    try {
      Files.createDirectories(logsDir().resolve(URLEncoder.encode(group, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Appends complete events (timestamp, message) to a stream's file. */
  void append(String group, String stream, long timestamp, String message) {
    appendRaw(group, stream, line(timestamp, message) + "\n");
  }

  /** Appends text as is: for lines still being written (no line break yet). */
  void appendRaw(String group, String stream, String text) {
    Path file = streamFile(group, stream);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String line(long timestamp, String message) {
    ObjectNode event = Json.MAPPER.createObjectNode();
    event.put("timestamp", timestamp);
    event.put("message", message);
    return event.toString();
  }

  @Override
  public void close() {
    server.close();
    service.close();
    scheduler.shutdownNow();
    store.close();
  }
}
