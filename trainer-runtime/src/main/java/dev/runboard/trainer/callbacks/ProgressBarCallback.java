package dev.runboard.trainer.callbacks;

import dev.runboard.trainer.fit.EpochSummary;
import dev.runboard.trainer.fit.Metrics;
import dev.runboard.trainer.fit.TrainingCallback;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Keras-style console progress:
 *
 * <pre>
 * Epoch 3/10
 * 844/844 [==============================] - 3s 4ms/step - loss: 0.3012 - accuracy: 0.8890 - val_loss: 0.3301 - val_accuracy: 0.8802
 * </pre>
 *
 * While an epoch runs, the line is redrawn in place with {@code \r}, at most once per {@code
 * refreshInterval} so that a slow or captured console does not slow training; the final line of
 * each epoch always stays.
 */
public final class ProgressBarCallback implements TrainingCallback {
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final long refreshNanos;
  private int steps;
  private long epochStarted;
  private long lastDrawn;
  private int drawnLength;

  public ProgressBarCallback(PrintStream out, Duration refreshInterval) {
    this.out = Objects.requireNonNull(out, "out");
    this.refreshNanos = refreshInterval.toNanos();
  }

  @Override
  public void onEpochBegin(int epoch, int epochs, int stepsPerEpoch) {
    this.steps = stepsPerEpoch;
    out.println("Epoch " + (epoch + 1) + "/" + epochs);
    epochStarted = System.nanoTime();
    lastDrawn = epochStarted;
    drawnLength = 0;
  }

  @Override
  public void onBatchEnd(int epoch, int batch, long step, Metrics running) {
    long now = System.nanoTime();
    int done = batch + 1;
    if (done == steps || now - lastDrawn < refreshNanos) {
      return; // the last batch is drawn by onEpochEnd, with the validation metrics
    }
    lastDrawn = now;
    double perStep = (now - epochStarted) / 1e9 / done;
    String line =
        counter(done)
            + " " + bar(done)
            + " - ETA: " + seconds(perStep * (steps - done))
            + metrics("", running);
    draw(line, false);
  }

  @Override
  public void onEpochEnd(EpochSummary summary) {
    double seconds = summary.duration().toNanos() / 1e9;
    String line =
        counter(summary.steps())
            + " " + bar(summary.steps())
            + " - " + seconds(seconds)
            + " " + String.format(Locale.ROOT, "%.0fms/step", seconds * 1000 / summary.steps())
            + metrics("", summary.train())
            + summary.validation().map(v -> metrics("val_", v)).orElse("");
    draw(line, true);
  }

  private void draw(String line, boolean last) {
    StringBuilder text = new StringBuilder();
    if (drawnLength > 0) {
      text.append('\r');
    }
    text.append(line);
    for (int i = line.length(); i < drawnLength; i++) {
      text.append(' '); // blank out the rest of a longer earlier line
    }
    if (last) {
      out.println(text);
      drawnLength = 0;
    } else {
      out.print(text);
      out.flush();
      drawnLength = line.length();
    }
  }

  private String counter(int done) {
    String total = Integer.toString(steps);
    return " ".repeat(Math.max(0, total.length() - Integer.toString(done).length())) + done + "/" + total;
  }

  private String bar(int done) {
    int filled = (int) ((long) BAR_WIDTH * done / steps);
    StringBuilder bar = new StringBuilder(BAR_WIDTH + 2).append('[');
    if (filled > 0) {
      bar.append("=".repeat(filled - 1)).append(done < steps ? '>' : '=');
    }
    bar.append(".".repeat(BAR_WIDTH - filled)).append(']');
    return bar.toString();
  }

  private static String metrics(String prefix, Metrics metrics) {
    return String.format(
        Locale.ROOT,
        " - %sloss: %.4f - %saccuracy: %.4f",
        prefix, metrics.loss(), prefix, metrics.accuracy());
  }

  private static String seconds(double seconds) {
    long rounded = Math.round(seconds);
    return rounded >= 60
        ? String.format(Locale.ROOT, "%d:%02d", rounded / 60, rounded % 60)
        : rounded + "s";
  }
}
