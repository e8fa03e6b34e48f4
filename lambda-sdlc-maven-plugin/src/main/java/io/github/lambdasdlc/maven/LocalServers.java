package io.github.lambdasdlc.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lambdasdlc.local.core.OwnerOnly;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code local} goals running on this machine, so that a build starting a cloud of its own on another
 * state directory can say that the CLI on the running one will not see its stacks. Each running goal
 * leaves one small file under {@code ~/.lambda-sdlc/servers} and removes it when it stops. A goal killed
 * outright leaves its file behind; readers recognise it as stale because its process is gone (or the
 * process id now belongs to a process started at another instant) and delete it.
 */
final class LocalServers {
  /** One running {@code local} goal: its process, endpoint and state directory. */
  record Server(long pid, Instant processStart, URI endpoint, Path stateDir) {
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static volatile Path root = Path.of(System.getProperty("user.home"), ".lambda-sdlc", "servers");

  private LocalServers() {
  }

  /** Where the registry lives; tests point it at a directory of their own. */
  static Path root() {
    return root;
  }

  static void useRoot(Path directory) {
    root = directory;
  }

  /**
   * Records this process's local cloud. A registry that cannot be written only costs the warning it exists
   * for: callers report the failure and go on.
   *
   * @return the registration to {@link Registration#close()} when the cloud stops
   */
  static Registration register(URI endpoint, Path stateDir) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Path dir = root;
    OwnerOnly.createDirectories(dir);
    Path file = dir.resolve("local-" + self.pid() + "-" + endpoint.getPort() + ".json");
    ObjectNode doc = MAPPER.createObjectNode();
    doc.put("pid", self.pid());
    self.info().startInstant().ifPresent(start -> doc.put("processStart", start.toString()));
    doc.put("endpoint", endpoint.toString());
    doc.put("stateDir", stateDir.toAbsolutePath().normalize().toString());
    Path tmp = dir.resolve(file.getFileName() + ".tmp");
    OwnerOnly.createFile(tmp);
    Files.write(tmp, MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return new Registration(file);
  }

  /** The local goals running now; the entries of goals that ended without removing theirs are deleted. */
  static List<Server> running() {
    List<Server> servers = new ArrayList<>();
    Path dir = root;
    if (!Files.isDirectory(dir)) {
      return servers;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "local-*.json")) {
      for (Path file : files) {
        read(file).ifPresent(server -> {
          if (server.pid() == ProcessHandle.current().pid()) {
            servers.add(server); // this JVM's own local goal (tests run goals in-process)
          } else if (alive(server)) {
            servers.add(server);
          } else {
            deleteQuietly(file);
          }
        });
      }
    } catch (IOException e) {
      // An unreadable registry only costs the warning it exists for.
    }
    return servers;
  }

  private static Optional<Server> read(Path file) {
    try {
      JsonNode doc = MAPPER.readTree(file.toFile());
      String start = doc.path("processStart").asText(null);
      return Optional.of(new Server(doc.path("pid").asLong(), start == null ? null : Instant.parse(start),
          URI.create(doc.path("endpoint").asText()), Path.of(doc.path("stateDir").asText())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // being written, or not ours: left alone
    }
  }

  /** Whether the recorded process still runs: same id and, where the OS tells, the same start instant. */
  private static boolean alive(Server server) {
    Optional<ProcessHandle> process = ProcessHandle.of(server.pid());
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    Optional<Instant> start = process.get().info().startInstant();
    return server.processStart() == null || start.isEmpty() || start.get().equals(server.processStart());
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // another reader deleted it, or it is not ours to delete
    }
  }

  /** A running local goal's entry; closing it removes the entry. */
  static final class Registration implements AutoCloseable {
    /** No entry (the registry could not be written). */
    static final Registration NONE = new Registration(null);

    private final Path file;

    private Registration(Path file) {
      this.file = file;
    }

    @Override
    public void close() {
      if (file != null) {
        deleteQuietly(file);
      }
    }
  }
}
