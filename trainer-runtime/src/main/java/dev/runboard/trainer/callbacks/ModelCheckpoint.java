package dev.runboard.trainer.callbacks;

import dev.runboard.trainer.model.Sequential;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Keras's {@code ModelCheckpoint(filepath, monitor='val_loss', save_best_only)}: saves the whole
 * model (architecture and weights) after each epoch, or with {@code saveBestOnly} only after
 * epochs that improve the monitored value. The file is replaced atomically.
 */
public final class ModelCheckpoint implements Callback {
  private final Path file;
  private final MonitoredValue monitor;
  private final boolean saveBestOnly;
  private final PrintStream console;
  private Sequential model;
  private double best = Double.NaN;
  private int saves;

  public ModelCheckpoint(Path file, boolean saveBestOnly) {
    this(file, "val_loss", saveBestOnly, null);
  }

  public ModelCheckpoint(Path file, String monitor, boolean saveBestOnly, PrintStream console) {
    this.file = Objects.requireNonNull(file, "file");
    this.monitor = new MonitoredValue(monitor);
    this.saveBestOnly = saveBestOnly;
    this.console = console;
  }

  @Override
  public void setModel(Sequential model) {
    this.model = model;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    if (saveBestOnly) {
      double value = monitor.read(logs);
      if (!monitor.improves(value, best, 0)) {
        return;
      }
      if (console != null) {
        console.printf(
            "Epoch %d: %s improved from %s to %.5f, saving model to %s%n",
            epoch + 1, monitor.name(), monitor.format(best), value, file);
      }
      best = value;
    }
    try {
      model.save(file);
      saves++;
    } catch (IOException e) {
      throw new UncheckedIOException("saving checkpoint " + file + " failed", e);
    }
  }

  /** How many times the model was written. */
  public int saves() {
    return saves;
  }
}
