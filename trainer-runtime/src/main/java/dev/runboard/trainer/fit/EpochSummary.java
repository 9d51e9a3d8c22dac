package dev.runboard.trainer.fit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What one epoch achieved, as Keras's {@code History} records it.
 *
 * @param epoch        0-based epoch index
 * @param train        running means over the epoch's batches (not a re-evaluation), as Keras logs
 * @param validation   metrics on the validation set after the epoch; empty without one
 * @param learningRate the optimizer's learning rate during the epoch
 * @param steps        batches in the epoch
 * @param duration     wall time of the epoch, validation included
 */
public record EpochSummary(
    int epoch,
    Metrics train,
    Optional<Metrics> validation,
    double learningRate,
    int steps,
    Duration duration) {
  public EpochSummary {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(duration, "duration");
  }
}
