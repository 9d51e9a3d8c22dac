package dev.runboard.trainer.model;

import dev.runboard.trainer.random.SplitMixRandom;

/**
 * How far a model's training went, as its file stores it: with the weights and the optimizer's
 * state, what a later fit needs to continue exactly.
 *
 * @param completedEpochs epochs trained
 * @param shuffle         the stream that shuffles each epoch's examples; null before any fit
 * @param dropout         the stream of the dropout masks; null before any fit
 */
record TrainingProgress(int completedEpochs, SplitMixRandom.State shuffle, SplitMixRandom.State dropout) {
  TrainingProgress {
    if (completedEpochs < 0) {
      throw new IllegalArgumentException("completed epochs must not be negative, was " + completedEpochs);
    }
  }
}
