package io.github.lambdasdlc.local.core;

/**
 * What a stack does with a resource of a type the local cloud does not emulate: provision a stand-in (AWS's
 * identifiers and attributes, no service behind them) or fail.
 */
public enum UnsupportedResources {
  STANDIN, FAIL;

  /** {@code standin} or {@code fail}, in any case. */
  public static UnsupportedResources parse(String value) {
    for (UnsupportedResources v : values()) {
      if (v.name().equalsIgnoreCase(value == null ? "" : value.trim())) {
        return v;
      }
    }
    throw new IllegalArgumentException("lambda-sdlc.local.unsupportedResources must be standin or fail, not '"
        + value + "'");
  }
}
