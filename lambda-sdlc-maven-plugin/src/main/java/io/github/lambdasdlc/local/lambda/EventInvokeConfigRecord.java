package io.github.lambdasdlc.local.lambda;

/**
 * One event-invoke configuration as stored with its function: null members were not set (the defaults
 * apply). Destinations are never stored: the local cloud refuses them.
 */
final class EventInvokeConfigRecord {
  public Integer maximumRetryAttempts;
  public Integer maximumEventAgeInSeconds;
  /** When it last changed, in epoch milliseconds. */
  public long lastModified;
}
