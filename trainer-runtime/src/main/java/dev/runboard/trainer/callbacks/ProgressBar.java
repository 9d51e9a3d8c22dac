package dev.runboard.trainer.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's console progress ({@code verbose=1}):
 *
 * <pre>
 * Epoch 3/20
 * 750/750 [==============================] - 9s 12ms/step - loss: 0.3012 - accuracy: 0.8890 - val_loss: 0.3301 - val_accuracy: 0.8802
 * </pre>
 *
 * The line is redrawn in place with {@code \r} at most every {@code refreshMillis}, so a slow
 * console cannot slow training; each epoch's final line stays.
 */
public final class ProgressBar implements Callback {
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final long refreshNanos;
  private int epochs;
  private int steps;
  private long epochStarted;
  private long lastDrawn;
  private int drawnLength;

  public ProgressBar(PrintStream out, long refreshMillis) {
    this.out = Objects.requireNonNull(out, "out");
    this.refreshNanos = refreshMillis * 1_000_000L;
  }

  @Override
  public void onTrainBegin(FitParams params) {
    epochs = params.epochs();
    steps = params.steps();
  }

  @Override
  public void onEpochBegin(int epoch) {
    out.println("Epoch " + (epoch + 1) + "/" + epochs);
    epochStarted = System.nanoTime();
    lastDrawn = epochStarted;
    drawnLength = 0;
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    long now = System.nanoTime();
    int done = batch + 1;
    if (done == steps || now - lastDrawn < refreshNanos) {
      return; // the last batch is drawn by onEpochEnd, with the validation metrics
    }
    lastDrawn = now;
    double perStep = (now - epochStarted) / 1e9 / done;
    draw(counter(done) + " " + bar(done) + " - ETA: " + seconds(perStep * (steps - done)) + metrics(logs), false);
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    double seconds = (System.nanoTime() - epochStarted) / 1e9;
    draw(
        counter(steps) + " " + bar(steps) + " - " + seconds(seconds) + " "
            + String.format(Locale.ROOT, "%.0fms/step", seconds * 1000 / Math.max(1, steps))
            + metrics(logs),
        true);
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
    int filled = (int) ((long) BAR_WIDTH * done / Math.max(1, steps));
    StringBuilder bar = new StringBuilder(BAR_WIDTH + 2).append('[');
    if (filled > 0) {
      bar.append("=".repeat(filled - 1)).append(done < steps ? '>' : '=');
    }
    bar.append(".".repeat(BAR_WIDTH - filled)).append(']');
    return bar.toString();
  }

  static String metrics(Map<String, Double> logs) {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      text.append(String.format(Locale.ROOT, " - %s: %.4f", e.getKey(), e.getValue()));
    }
    return text.toString();
  }

  private static String seconds(double seconds) {
    long rounded = Math.round(seconds);
    return rounded >= 60 ? String.format(Locale.ROOT, "%d:%02d", rounded / 60, rounded % 60) : rounded + "s";
  }
}
