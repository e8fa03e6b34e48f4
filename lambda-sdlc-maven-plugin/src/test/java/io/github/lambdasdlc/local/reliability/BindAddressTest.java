package io.github.lambdasdlc.local.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.lambdasdlc.local.LocalCloud;
import io.github.lambdasdlc.local.core.LocalCloudConfig;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cloud listens on loopback unless told otherwise, and warns when it is told otherwise. */
class BindAddressTest {
  @TempDir
  Path dir;

  @Test
  void aNonLoopbackAddressNeedsTheOptIn() throws Exception {
    InetAddress wildcard = InetAddress.getByName("0.0.0.0");
    assertThatThrownBy(() -> LocalCloudConfig.builder(dir).bindAddress(wildcard).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback only, not on 0.0.0.0")
        .hasMessageContaining("allowNonLoopback(true)");
    InetAddress lan = InetAddress.getByAddress(new byte[] {10, 1, 2, 3});
    assertThatThrownBy(() -> LocalCloudConfig.builder(dir).bindAddress(lan).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.1.2.3");
    // Every loopback address is fine without it.
    for (String loopback : List.of("127.0.0.1", "127.0.0.2", "::1")) {
      LocalCloudConfig config = LocalCloudConfig.builder(dir).bindAddress(InetAddress.getByName(loopback)).build();
      assertThat(config.bindsNonLoopback()).isFalse();
    }
  }

  @Test
  void loopbackStartsWithoutAWarning() {
    List<LogRecord> warnings = captureWarnings(() -> LocalCloud.start(LocalCloudConfig.builder(dir).build()).close());
    assertThat(warnings).isEmpty();
  }

  @Test
  void anAllowedNonLoopbackBindLogsOneWarning() throws Exception {
    // The wildcard address is not loopback; the server is closed at once and no traffic is sent.
    LocalCloudConfig config = LocalCloudConfig.builder(dir).bindAddress(InetAddress.getByName("0.0.0.0"))
        .allowNonLoopback(true).build();
    assertThat(config.bindsNonLoopback()).isTrue();
    List<LogRecord> warnings = captureWarnings(() -> LocalCloud.start(config).close());
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getMessage()).contains("listens on 0.0.0.0").contains("accepts any credentials");
  }

  private static List<LogRecord> captureWarnings(Runnable action) {
    Logger logger = Logger.getLogger(LocalCloud.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          records.add(record);
        }
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    logger.addHandler(handler);
    try {
      action.run();
    } finally {
      logger.removeHandler(handler);
    }
    return records;
  }
}
