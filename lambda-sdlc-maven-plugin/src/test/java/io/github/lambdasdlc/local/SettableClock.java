package io.github.lambdasdlc.local;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves to a day, for rules that depend on the date (runtime deprecation); it ticks from there. */
public final class SettableClock extends Clock {
  private volatile long offsetMillis;

  /** A clock that reads noon UTC of {@code day} now, and ticks on. */
  public static SettableClock on(LocalDate day) {
    SettableClock clock = new SettableClock();
    clock.set(day);
    return clock;
  }

  /** Moves the clock to noon UTC of {@code day}. */
  public void set(LocalDate day) {
    offsetMillis = day.atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli() - System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(System.currentTimeMillis() + offsetMillis);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the local cloud's clock is UTC");
  }
}
