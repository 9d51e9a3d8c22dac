package dev.runboard.trainer.callbacks;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One Keras progress line over a known number of steps, redrawn in place with {@code \r} at most
 * every {@code refreshMillis} (so a slow console cannot slow the work), and finished with the
 * elapsed time and the time per step:
 *
 * <pre>
 * 313/313 [==============================] - 1s 3ms/step - loss: 0.3146 - accuracy: 0.8853
 * </pre>
 *
 * Used by {@link ProgressBar} for each epoch of {@code fit}, and by {@code evaluate} and {@code
 * predict}.
 */
public final class ProgressLine {
  private static final int BAR_WIDTH = 30;

  private final PrintStream out;
  private final int steps;
  private final long refreshNanos;
  private final long started;
  private long lastDrawn;
  private int drawnLength;

  /** Starts the clock; nothing is drawn before the first {@link #update}. */
  public ProgressLine(PrintStream out, int steps, long refreshMillis) {
    this.out = Objects.requireNonNull(out, "out");
    this.steps = steps;
    this.refreshNanos = refreshMillis * 1_000_000L;
    this.started = System.nanoTime();
    this.lastDrawn = started;
  }

  /** {@code done} steps of {@link #steps} finished; drawn with an ETA unless drawn too recently. */
  public void update(int done, Map<String, Double> logs) {
    long now = System.nanoTime();
    if (done >= steps || now - lastDrawn < refreshNanos) {
      return; // the last step is drawn by finish
    }
    lastDrawn = now;
    double perStep = (now - started) / 1e9 / done;
    draw(counter(done) + " " + bar(done) + " - ETA: " + seconds(perStep * (steps - done)) + metrics(logs), false);
  }

  /** The final line (it stays): all steps, elapsed time, time per step, {@code logs}. */
  public void finish(Map<String, Double> logs) {
    double seconds = (System.nanoTime() - started) / 1e9;
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
