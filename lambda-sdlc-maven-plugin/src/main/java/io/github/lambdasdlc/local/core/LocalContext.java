package io.github.lambdasdlc.local.core;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What every service of one local cloud shares: its settings, its state directory, one scheduler for
 * the asynchronous state changes AWS clients must wait for, and the clock.
 */
public record LocalContext(LocalCloudConfig config, StateStore store, ScheduledExecutorService scheduler, Clock clock) {

  public String region() {
    return config.region();
  }

  public String accountId() {
    return config.accountId();
  }

  /** An ARN in this cloud's partition, region and account. */
  public String arn(String service, String resource) {
    return "arn:aws:" + service + ":" + region() + ":" + accountId() + ":" + resource;
  }
}
