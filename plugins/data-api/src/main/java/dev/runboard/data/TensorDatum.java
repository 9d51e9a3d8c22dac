package dev.runboard.data;

import java.util.Objects;

/** One step of a tensor series. */
public record TensorDatum(long step, double wallTime, TensorPayload value) {
  public TensorDatum {
    Objects.requireNonNull(value, "value");
  }
}
