package dev.runboard.trainer.layers;

import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.random.SplitMixRandom;

/**
 * What a layer's forward pass may depend on besides its input.
 *
 * @param backend  the kernels to run on
 * @param training whether this is a training step (dropout active, batch statistics used)
 * @param random   the model's training randomness (dropout masks), advanced in call order
 */
public record CallContext(Backend backend, boolean training, SplitMixRandom random) {}
