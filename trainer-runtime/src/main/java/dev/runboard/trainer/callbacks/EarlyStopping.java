package dev.runboard.trainer.callbacks;

import dev.runboard.trainer.model.Sequential;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code EarlyStopping(monitor='val_loss', patience, restore_best_weights)}: stops when
 * the monitored value has not improved for {@code patience} epochs; optionally puts back the
 * weights of the best epoch when training ends (Keras restores them only when it stopped early;
 * so does this).
 */
public final class EarlyStopping implements Callback {
  private final MonitoredValue monitor;
  private final int patience;
  private final boolean restoreBestWeights;
  private final double minDelta;
  private final PrintStream console;
  private Sequential model;
  private double best;
  private int bestEpoch;
  private int wait;
  private int stoppedEpoch = -1;
  private List<float[]> bestWeights;

  public EarlyStopping(String monitor, int patience, boolean restoreBestWeights) {
    this(monitor, patience, restoreBestWeights, 0, null);
  }

  /** Keras's defaults: {@code monitor='val_loss'}. */
  public EarlyStopping(int patience, boolean restoreBestWeights) {
    this("val_loss", patience, restoreBestWeights);
  }

  public EarlyStopping(
      String monitor, int patience, boolean restoreBestWeights, double minDelta, PrintStream console) {
    if (patience < 0) {
      throw new IllegalArgumentException("patience must not be negative, was " + patience);
    }
    this.monitor = new MonitoredValue(monitor);
    this.patience = patience;
    this.restoreBestWeights = restoreBestWeights;
    this.minDelta = Math.abs(minDelta);
    this.console = console;
  }

  @Override
  public void setModel(Sequential model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(FitParams params) {
    best = Double.NaN;
    bestEpoch = -1;
    wait = 0;
    stoppedEpoch = -1;
    bestWeights = null;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    double value = monitor.read(logs);
    if (monitor.improves(value, best, minDelta)) {
      best = value;
      bestEpoch = epoch;
      wait = 0;
      if (restoreBestWeights) {
        bestWeights = model.getWeights();
      }
      return;
    }
    wait++;
    if (wait >= patience) {
      stoppedEpoch = epoch;
      model.stopTraining();
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    if (stoppedEpoch < 0) {
      return;
    }
    if (console != null) {
      console.printf("Epoch %d: early stopping%n", stoppedEpoch + 1);
    }
    if (restoreBestWeights && bestWeights != null) {
      if (console != null) {
        console.printf("Restoring model weights from the end of the best epoch: %d.%n", bestEpoch + 1);
      }
      model.setWeights(bestWeights);
    }
  }

  /** 0-based epoch at which training was stopped, or -1 if it ran to the end. */
  public int stoppedEpoch() {
    return stoppedEpoch;
  }

  /** 0-based epoch with the best monitored value, or -1 before any. */
  public int bestEpoch() {
    return bestEpoch;
  }
}
