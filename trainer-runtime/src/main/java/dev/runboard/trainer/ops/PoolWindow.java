package dev.runboard.trainer.ops;

/**
 * A max-pooling window: Keras's {@code MaxPooling2D(pool_size, strides, padding)}.
 *
 * @param poolH   window rows
 * @param poolW   window columns
 * @param strideH row step
 * @param strideW column step
 * @param same    "same" padding (else "valid")
 */
public record PoolWindow(int poolH, int poolW, int strideH, int strideW, boolean same) {}
