package dev.runboard.trainer.layers;

import dev.runboard.trainer.ops.BatchNorm;
import dev.runboard.trainer.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keras's {@code BatchNormalization()} over the last axis: batch statistics in training (and an
 * exponential moving average of them, {@code momentum=0.99}), the averages at inference.
 */
public final class BatchNormalization extends Layer {
  private final double momentum;
  private final double epsilon;
  private Tensor gamma;
  private Tensor beta;
  private Tensor movingMean;
  private Tensor movingVariance;

  public BatchNormalization() {
    this(0.99, 1e-3);
  }

  public BatchNormalization(double momentum, double epsilon) {
    if (!(momentum >= 0 && momentum < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("momentum must be in [0, 1) and epsilon positive");
    }
    this.momentum = momentum;
    this.epsilon = epsilon;
  }

  @Override
  public String type() {
    return "BatchNormalization";
  }

  @Override
  protected int[] doBuild(int[] inputShape, SplittableRandom init) {
    int c = inputShape[inputShape.length - 1];
    float[] ones = new float[c];
    java.util.Arrays.fill(ones, 1f);
    gamma = Tensor.variable(ones, c);
    beta = Tensor.variable(new float[c], c);
    movingMean = Tensor.of(new float[c], c);
    movingVariance = Tensor.of(ones.clone(), c);
    return inputShape;
  }

  @Override
  public Tensor call(Tensor x, CallContext context) {
    if (!context.training()) {
      return BatchNorm.inference(
          context.backend(), x, gamma, beta, epsilon, movingMean.data(), movingVariance.data());
    }
    int c = gamma.size();
    float[] mean = new float[c];
    float[] variance = new float[c];
    Tensor y = BatchNorm.training(context.backend(), x, gamma, beta, epsilon, mean, variance);
    float[] mm = movingMean.data();
    float[] mv = movingVariance.data();
    for (int j = 0; j < c; j++) {
      mm[j] = (float) (mm[j] * momentum + mean[j] * (1 - momentum));
      mv[j] = (float) (mv[j] * momentum + variance[j] * (1 - momentum));
    }
    return y;
  }

  @Override
  public List<Weight> weights() {
    return gamma == null
        ? List.of()
        : List.of(
            new Weight("gamma", gamma, true),
            new Weight("beta", beta, true),
            new Weight("moving_mean", movingMean, false),
            new Weight("moving_variance", movingVariance, false));
  }

  @Override
  public Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("momentum", Double.toString(momentum));
    config.put("epsilon", Double.toString(epsilon));
    return config;
  }
}
