package dev.runboard.trainer.fit;

/**
 * Mean loss and accuracy over a set of examples (an epoch so far, a validation set, a test set).
 */
public record Metrics(double loss, double accuracy) {}
