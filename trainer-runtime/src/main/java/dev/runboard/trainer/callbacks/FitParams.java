package dev.runboard.trainer.callbacks;

/**
 * What a fit is about to do (Keras's {@code callback.params}).
 *
 * @param epochs            epochs requested
 * @param steps             batches per epoch
 * @param batchSize         examples per batch (the last one may be smaller)
 * @param samples           training examples
 * @param validationSamples validation examples; 0 without validation
 */
public record FitParams(int epochs, int steps, int batchSize, int samples, int validationSamples) {}
