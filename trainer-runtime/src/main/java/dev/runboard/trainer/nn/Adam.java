package dev.runboard.trainer.nn;

import java.util.List;

/**
 * Adam with Keras's defaults and update rule: epsilon is added to {@code sqrt(v)} before bias
 * correction is folded into the step size ("epsilon hat" in Kingma and Ba, section 2), so results
 * match a Keras model trained with {@code Adam()} rather than the paper's algorithm 1.
 */
public final class Adam {
  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final double DEFAULT_BETA_1 = 0.9;
  public static final double DEFAULT_BETA_2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-7;

  private final List<Parameter> parameters;
  private final double learningRate;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final float[][] firstMoments;
  private final float[][] secondMoments;
  private long iterations;

  public Adam(List<Parameter> parameters) {
    this(parameters, DEFAULT_LEARNING_RATE);
  }

  public Adam(List<Parameter> parameters, double learningRate) {
    this(parameters, learningRate, DEFAULT_BETA_1, DEFAULT_BETA_2, DEFAULT_EPSILON);
  }

  public Adam(
      List<Parameter> parameters, double learningRate, double beta1, double beta2, double epsilon) {
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be positive and finite, was " + learningRate);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas must be in [0, 1), were " + beta1 + " and " + beta2);
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be positive, was " + epsilon);
    }
    this.parameters = List.copyOf(parameters);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.firstMoments = new float[this.parameters.size()][];
    this.secondMoments = new float[this.parameters.size()][];
    for (int p = 0; p < this.parameters.size(); p++) {
      firstMoments[p] = new float[this.parameters.get(p).size()];
      secondMoments[p] = new float[this.parameters.get(p).size()];
    }
  }

  public double learningRate() {
    return learningRate;
  }

  /** Updates applied so far. */
  public long iterations() {
    return iterations;
  }

  /** Applies one update to every parameter from its current gradient. */
  public void step() {
    iterations++;
    double correction1 = 1 - Math.pow(beta1, iterations);
    double correction2 = 1 - Math.pow(beta2, iterations);
    float stepSize = (float) (learningRate * Math.sqrt(correction2) / correction1);
    float keep1 = (float) (1 - beta1);
    float keep2 = (float) (1 - beta2);
    float eps = (float) epsilon;
    for (int p = 0; p < firstMoments.length; p++) {
      float[] w = parameters.get(p).values();
      float[] g = parameters.get(p).gradients();
      float[] m = firstMoments[p];
      float[] v = secondMoments[p];
      for (int i = 0; i < w.length; i++) {
        float gi = g[i];
        m[i] += (gi - m[i]) * keep1;
        v[i] += (gi * gi - v[i]) * keep2;
        w[i] -= stepSize * m[i] / ((float) Math.sqrt(v[i]) + eps);
      }
    }
  }
}
