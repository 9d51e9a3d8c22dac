package dev.runboard.trainer.optimizers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras's {@code SGD(learning_rate=0.01, momentum=0, nesterov=False)}: {@code v = m·v - lr·g};
 * {@code w += v}, or with Nesterov {@code w += m·v - lr·g}.
 */
public final class Sgd extends Optimizer {
  private final float momentum;
  private final boolean nesterov;

  public Sgd() {
    this(LearningRateSchedule.constant(0.01), 0, false);
  }

  public Sgd(double learningRate, double momentum, boolean nesterov) {
    this(LearningRateSchedule.constant(learningRate), momentum, nesterov);
  }

  public Sgd(LearningRateSchedule schedule, double momentum, boolean nesterov) {
    super(schedule);
    if (!(momentum >= 0 && momentum < 1)) {
      throw new IllegalArgumentException("momentum must be in [0, 1), was " + momentum);
    }
    this.momentum = (float) momentum;
    this.nesterov = nesterov;
  }

  @Override
  public String name() {
    return "sgd";
  }

  @Override
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("momentum", (double) momentum);
    h.put("nesterov", nesterov);
    return h;
  }

  @Override
  protected float[][] newSlots(int size) {
    return new float[][] {new float[size]};
  }

  @Override
  protected void update(float[] w, float[] g, float[][] slots, float lr, long step) {
    float[] v = slots[0];
    for (int i = 0; i < w.length; i++) {
      v[i] = momentum * v[i] - lr * g[i];
      w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i];
    }
  }
}
