package dev.runboard.trainer.optimizers;

import java.util.Map;

/**
 * Keras's {@code AdamW(learning_rate=0.001, weight_decay=0.004)}: Adam plus decoupled weight decay
 * {@code w -= lr · wd · w} before each step.
 */
public final class AdamW extends Adam {
  private final float weightDecay;

  public AdamW() {
    this(LearningRateSchedule.constant(DEFAULT_LEARNING_RATE), 0.004);
  }

  public AdamW(LearningRateSchedule schedule, double weightDecay) {
    super(schedule, 0.9, 0.999, 1e-7);
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay must be non-negative, was " + weightDecay);
    }
    this.weightDecay = (float) weightDecay;
  }

  @Override
  public String name() {
    return "adamw";
  }

  @Override
  public Map<String, Object> hyperparameters() {
    Map<String, Object> h = new java.util.LinkedHashMap<>(super.hyperparameters());
    h.put("weight_decay", (double) weightDecay);
    return h;
  }

  @Override
  protected void decay(float[] w, float lr) {
    float factor = 1 - lr * weightDecay;
    for (int i = 0; i < w.length; i++) {
      w[i] *= factor;
    }
  }
}
