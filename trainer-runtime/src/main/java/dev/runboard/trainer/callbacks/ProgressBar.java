package dev.runboard.trainer.callbacks;

import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's console progress for {@code fit} ({@code verbose=1}), one {@link ProgressLine} per
 * epoch:
 *
 * <pre>
 * Epoch 3/20
 * 750/750 [==============================] - 9s 12ms/step - loss: 0.3012 - accuracy: 0.8890 - val_loss: 0.3301 - val_accuracy: 0.8802
 * </pre>
 *
 * The epoch's final line is drawn once validation has run, with its metrics.
 */
public final class ProgressBar implements Callback {
  private final PrintStream out;
  private final long refreshMillis;
  private int epochs;
  private int steps;
  private ProgressLine line;

  public ProgressBar(PrintStream out, long refreshMillis) {
    this.out = Objects.requireNonNull(out, "out");
    this.refreshMillis = refreshMillis;
  }

  @Override
  public void onTrainBegin(FitParams params) {
    epochs = params.epochs();
    steps = params.steps();
  }

  @Override
  public void onEpochBegin(int epoch) {
    out.println("Epoch " + (epoch + 1) + "/" + epochs);
    line = new ProgressLine(out, steps, refreshMillis);
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    line.update(batch + 1, logs);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    line.finish(logs);
  }
}
