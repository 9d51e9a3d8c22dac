package dev.runboard.trainer.callbacks;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.Weight;
import dev.runboard.trainer.model.Sequential;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runboard's counterpart of Keras's {@code TensorBoard(log_dir)} callback. Writes two runs under
 * {@code logDir}, {@code train/} and {@code validation/}, with Keras's tag names so that
 * dashboards built for Keras logs read them unchanged:
 *
 * <ul>
 *   <li>at the start: the model graph and the hyperparameters ({@code train/});
 *   <li>per batch ({@code train/}, global step): {@code batch_loss}, {@code batch_<metric>} (the
 *       epoch's running means, as Keras logs them), {@code batch_learning_rate}, {@code
 *       batch_examples_per_second} (the step alone, without callbacks);
 *   <li>per epoch ({@code train/}, step = epoch): {@code epoch_loss}, {@code epoch_<metric>},
 *       {@code epoch_learning_rate}, {@code epoch_examples_per_second}; histograms {@code
 *       <layer>/<weight>} of every weight and {@code <layer>/<weight>/gradient} of every gradient
 *       (of the epoch's last batch); {@code update_ratio/<layer>}: the norm of the last step's
 *       update over the norm of the layer's trainable weights;
 *   <li>per epoch ({@code validation/}): {@code epoch_loss}, {@code epoch_<metric>}.
 * </ul>
 *
 * Writers are flushed after every epoch, so the dashboard shows each epoch as it ends (and
 * batches within the writer's flush interval).
 */
public final class RunboardLogger implements Callback {
  public static final String TRAIN_RUN = "train";
  public static final String VALIDATION_RUN = "validation";

  /** Where the runs go: a local directory's URI, or {@code s3://bucket/prefix}. */
  private final URI logDir;
  private final Map<String, Object> extraHparams;
  private Sequential model;
  private FitParams params;
  private EventLogWriter train;
  private EventLogWriter validation;
  private long globalStep;
  private long epochStarted;
  private long batchStarted;
  private int epochExamples;
  private List<float[]> beforeLastStep;

  public RunboardLogger(Path logDir) {
    this(logDir, Map.of());
  }

  /**
   * @param extraHparams logged with the hyperparameters the callback finds itself (optimizer,
   *     learning rate, batch size, epochs, loss, ...): e.g. the dataset. Strings, doubles and
   *     booleans only.
   */
  public RunboardLogger(Path logDir, Map<String, Object> extraHparams) {
    this(Objects.requireNonNull(logDir, "logDir").toUri(), extraHparams);
  }

  /**
   * Logs to {@code logDir}: a local directory ({@code file:} URI) or object storage ({@code
   * s3://bucket/prefix}: see {@link EventLogWriter#open(URI)}).
   */
  public RunboardLogger(URI logDir, Map<String, Object> extraHparams) {
    this.logDir = Objects.requireNonNull(logDir, "logDir");
    this.extraHparams = Map.copyOf(extraHparams);
  }

  /** A run below the log directory, as a URI (local or s3://). */
  private URI run(String name) {
    String base = logDir.toString();
    return URI.create(base + (base.endsWith("/") ? "" : "/") + name);
  }

  @Override
  public void setModel(Sequential model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(FitParams params) {
    this.params = params;
    try {
      train = EventLogWriter.open(run(TRAIN_RUN));
      if (params.validationSamples() > 0) {
        validation = EventLogWriter.open(run(VALIDATION_RUN));
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot open the event log under " + logDir, e);
    }
    double now = System.currentTimeMillis() / 1000.0;
    train.write(new GraphEvent(now, model.graph()));
    train.write(
        new RunMetadataEvent(
            now, hyperparameters(), now, hostName(), ProcessHandle.current().info().commandLine().orElse(""),
            "runboard-trainer", version(), Map.of("model", model.name())));
  }

  private Map<String, Object> hyperparameters() {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("optimizer", model.optimizer().name());
    h.put("learning_rate", model.optimizer().learningRate());
    model.optimizer().hyperparameters().forEach((k, v) -> h.put("optimizer." + k, v));
    h.put("loss", model.loss().name());
    h.put("batch_size", (double) params.batchSize());
    h.put("epochs", (double) params.epochs());
    h.put("parameters", (double) model.parameterCount());
    h.put("layers", (double) model.layers().size());
    h.putAll(extraHparams);
    return h;
  }

  @Override
  public void onEpochBegin(int epoch) {
    epochStarted = System.nanoTime();
    epochExamples = 0;
  }

  @Override
  public void onTrainBatchBegin(int batch) {
    batchStarted = System.nanoTime();
    if (batch == params.steps() - 1) {
      beforeLastStep = trainableValues(); // for the update-to-parameter ratio of this step
    }
  }

  @Override
  public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
    int size = Math.min(params.batchSize(), params.samples() - batch * params.batchSize());
    epochExamples += size;
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      train.scalar("batch_" + e.getKey(), globalStep, e.getValue());
    }
    train.scalar("batch_learning_rate", globalStep, model.optimizer().learningRate());
    train.scalar(
        "batch_examples_per_second", globalStep, size / Math.max((System.nanoTime() - batchStarted) / 1e9, 1e-9));
    globalStep++;
  }

  @Override
  public void onEpochEnd(int epoch, Map<String, Double> logs) {
    double seconds = (System.nanoTime() - epochStarted) / 1e9;
    for (Map.Entry<String, Double> e : logs.entrySet()) {
      if (e.getKey().startsWith("val_")) {
        if (validation != null) {
          validation.scalar("epoch_" + e.getKey().substring(4), epoch, e.getValue());
        }
      } else {
        train.scalar("epoch_" + e.getKey(), epoch, e.getValue());
      }
    }
    train.scalar("epoch_learning_rate", epoch, model.optimizer().learningRate());
    train.scalar("epoch_examples_per_second", epoch, epochExamples / Math.max(seconds, 1e-9));
    double now = System.currentTimeMillis() / 1000.0;
    int index = 0;
    for (Layer layer : model.layers()) {
      double updateSquares = 0;
      double weightSquares = 0;
      boolean trainable = false;
      for (Weight w : layer.weights()) {
        String tag = layer.name() + "/" + w.name();
        float[] values = w.value().data();
        train.write(new HistogramEvent(tag, epoch, now, Histogram.of(values)));
        if (!w.trainable()) {
          continue;
        }
        trainable = true;
        float[] grad = w.value().grad();
        if (grad != null) {
          train.write(new HistogramEvent(tag + "/gradient", epoch, now, Histogram.of(grad)));
        }
        if (beforeLastStep != null) {
          float[] before = beforeLastStep.get(index);
          for (int i = 0; i < values.length; i++) {
            double d = values[i] - before[i];
            updateSquares += d * d;
            weightSquares += (double) before[i] * before[i];
          }
        }
        index++;
      }
      if (trainable && beforeLastStep != null && weightSquares > 0) {
        train.scalar("update_ratio/" + layer.name(), epoch, Math.sqrt(updateSquares / weightSquares));
      }
    }
    beforeLastStep = null;
    try {
      train.flush();
      if (validation != null) {
        validation.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing the event log under " + logDir + " failed", e);
    }
  }

  @Override
  public void onTrainEnd(Map<String, Double> logs) {
    try {
      if (train != null) {
        train.close();
      }
      if (validation != null) {
        validation.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("closing the event log under " + logDir + " failed", e);
    } finally {
      train = null;
      validation = null;
    }
  }

  private List<float[]> trainableValues() {
    List<float[]> values = new ArrayList<>();
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        if (w.trainable()) {
          values.add(w.value().data().clone());
        }
      }
    }
    return values;
  }

  private void closeQuietly() {
    for (EventLogWriter w : new EventLogWriter[] {train, validation}) {
      if (w != null) {
        try {
          w.close();
        } catch (IOException | RuntimeException ignored) {
          // already failing; the original error is the one to report
        }
      }
    }
    train = null;
    validation = null;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }

  private static String version() {
    String v = RunboardLogger.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
