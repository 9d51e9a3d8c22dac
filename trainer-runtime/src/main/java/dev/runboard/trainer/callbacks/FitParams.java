package dev.runboard.trainer.callbacks;

/**
 * What a fit is about to do (Keras's {@code callback.params}).
 *
 * @param initialEpoch      the first epoch this fit runs (0-based; above 0 when it resumes)
 * @param epochs            the epoch count training ends at (Keras's {@code epochs}: with an
 *     initial epoch k, epochs k+1 to {@code epochs} run)
 * @param steps             batches per epoch
 * @param batchSize         examples per batch (the last one may be smaller)
 * @param samples           training examples
 * @param validationSamples validation examples; 0 without validation
 */
public record FitParams(int initialEpoch, int epochs, int steps, int batchSize, int samples, int validationSamples) {}
