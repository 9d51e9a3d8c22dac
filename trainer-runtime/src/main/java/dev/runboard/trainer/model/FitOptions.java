package dev.runboard.trainer.model;

import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.tensor.Tensor;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The keyword arguments of Keras's {@code fit}: {@code fit().epochs(20).batchSize(64)
 * .validationSplit(0.2).callbacks(callbacks)}. Defaults are Keras's (1 epoch, batch 32, shuffle).
 */
public final class FitOptions {
  int epochs = 1;
  int initialEpoch;
  int batchSize = 32;
  double validationSplit;
  Tensor validationX;
  Tensor validationY;
  boolean shuffle = true;
  long seed = 42;
  int verbose = 1;
  PrintStream console = System.out;
  final List<Callback> callbacks = new ArrayList<>();

  public static FitOptions fit() {
    return new FitOptions();
  }

  public FitOptions epochs(int epochs) {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    this.epochs = epochs;
    return this;
  }

  /**
   * Keras's {@code initial_epoch}: the 0-based epoch to start at, for resuming training; {@code
   * epochs} stays the epoch count to end at. When the model's {@link Sequential#completedEpochs()}
   * equals {@code initialEpoch} (the model was loaded from a file saved at the end of that epoch,
   * or trained that far in this process), training continues exactly: same shuffles, dropout
   * masks and optimizer state as without the interruption. The {@link #seed} then plays no part.
   */
  public FitOptions initialEpoch(int initialEpoch) {
    if (initialEpoch < 0) {
      throw new IllegalArgumentException("initialEpoch must not be negative, was " + initialEpoch);
    }
    this.initialEpoch = initialEpoch;
    return this;
  }

  public FitOptions batchSize(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    this.batchSize = batchSize;
    return this;
  }

  /** The last {@code fraction} of the examples (before shuffling) validate, as in Keras. */
  public FitOptions validationSplit(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validationSplit must be in [0, 1), was " + fraction);
    }
    this.validationSplit = fraction;
    return this;
  }

  public FitOptions validationData(Tensor x, Tensor y) {
    this.validationX = Objects.requireNonNull(x, "x");
    this.validationY = Objects.requireNonNull(y, "y");
    return this;
  }

  public FitOptions shuffle(boolean shuffle) {
    this.shuffle = shuffle;
    return this;
  }

  /** Seeds the shuffling and dropout of a fresh start: equal seeds give equal runs. */
  public FitOptions seed(long seed) {
    this.seed = seed;
    return this;
  }

  /** 0 silent, 1 progress bar (Keras's meanings). */
  public FitOptions verbose(int verbose) {
    this.verbose = verbose;
    return this;
  }

  public FitOptions console(PrintStream console) {
    this.console = Objects.requireNonNull(console, "console");
    return this;
  }

  public FitOptions callbacks(List<? extends Callback> callbacks) {
    this.callbacks.addAll(callbacks);
    return this;
  }

  public FitOptions callbacks(Callback... callbacks) {
    return callbacks(List.of(callbacks));
  }
}
