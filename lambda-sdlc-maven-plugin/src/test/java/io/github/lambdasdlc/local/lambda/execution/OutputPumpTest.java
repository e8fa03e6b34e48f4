package io.github.lambdasdlc.local.lambda.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end of an invocation's output: a marker through the runtime's pipe, read after all written before it. */
class OutputPumpTest {
  @TempDir
  Path dir;

  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private RuntimePipe pipe;
  private RandomAccessFile runtime;
  private OutputPump pump;

  @BeforeEach
  void start() throws Exception {
    pipe = RuntimePipe.create(dir.resolve("pipes"));
    // What the guard shell does for the runtime: open the pipe read-write.
    runtime = new RandomAccessFile(pipe.path().toFile(), "rw");
    pump = OutputPump.start(pipe, new OutputPump.Lines(lines::add), "test-pump");
  }

  @AfterEach
  void stop() throws Exception {
    runtime.close();
    pipe.release();
  }

  private long deadline() {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
  }

  @Test
  void everythingWrittenBeforeTheMarkerIsHandedOnWhenItIsRead() throws Exception {
    StringBuilder flood = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      flood.append("line ").append(i).append('\n');
    }
    runtime.write(flood.toString().getBytes(StandardCharsets.UTF_8));
    runtime.write("no newline".getBytes(StandardCharsets.UTF_8));
    long mark = pump.mark();
    assertThat(mark).isPositive();
    assertThat(pump.awaitMark(mark, deadline())).isTrue();
    assertThat(lines).hasSize(20_001);
    assertThat(lines.get(19_999)).isEqualTo("line 19999");
    assertThat(lines.get(20_000)).as("a line without its newline ends with the invocation").isEqualTo("no newline");
  }

  @Test
  void markersNeverShowAndWhatLooksLikeOnePassesThrough() throws Exception {
    for (int round = 0; round < 50; round++) {
      // 0xFF starts a marker; 8190 bytes put the marker across two reads of the pump's 8 KiB buffer.
      byte[] bytes = new byte[8190];
      java.util.Arrays.fill(bytes, (byte) 'a');
      bytes[100] = (byte) 0xFF;
      bytes[101] = 'l';
      bytes[102] = '\n';
      bytes[8189] = '\n';
      runtime.write(bytes);
      long mark = pump.mark();
      assertThat(pump.awaitMark(mark, deadline())).isTrue();
    }
    assertThat(lines).hasSize(100);
    assertThat(lines.get(0)).isEqualTo("a".repeat(100) + "\uFFFDl");
    assertThat(lines.get(1)).isEqualTo("a".repeat(8086));
    assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("lambda-sdlc-end-of-output"));
  }

  @Test
  void aClosedPipeTakesNoMarker() {
    pipe.closeWriter();
    assertThat(pump.mark()).isEqualTo(-1);
  }
}
