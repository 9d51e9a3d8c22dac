package dev.runboard.trainer.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam with Keras's defaults ({@code learning_rate=0.001, beta_1=0.9, beta_2=0.999,
 * epsilon=1e-7}) and Keras's formulation: the bias correction folded into the step size, epsilon
 * added to {@code sqrt(v)}.
 */
public class Adam extends Optimizer {
  public static final double DEFAULT_LEARNING_RATE = 0.001;

  private final double beta1;
  private final double beta2;
  private final double epsilon;

  public Adam() {
    this(DEFAULT_LEARNING_RATE);
  }

  public Adam(double learningRate) {
    this(LearningRateSchedule.constant(learningRate), 0.9, 0.999, 1e-7);
  }

  public Adam(LearningRateSchedule schedule, double beta1, double beta2, double epsilon) {
    super(schedule);
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException("betas must be in [0, 1) and epsilon positive");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  public String name() {
    return "adam";
  }

  @Override
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("beta_1", beta1);
    h.put("beta_2", beta2);
    h.put("epsilon", epsilon);
    return h;
  }

  @Override
  protected float[][] newSlots(int size) {
    return new float[][] {new float[size], new float[size]};
  }

  @Override
  protected void update(float[] w, float[] g, float[][] slots, float lr, long step) {
    decay(w, lr);
    float[] m = slots[0];
    float[] v = slots[1];
    float alpha = (float) (lr * Math.sqrt(1 - Math.pow(beta2, step)) / (1 - Math.pow(beta1, step)));
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float eps = (float) epsilon;
    for (int i = 0; i < w.length; i++) {
      float gi = g[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      w[i] -= alpha * m[i] / ((float) Math.sqrt(v[i]) + eps);
    }
  }

  /** Decoupled weight decay, applied before the Adam step; none for plain Adam. */
  protected void decay(float[] w, float lr) {}
}
