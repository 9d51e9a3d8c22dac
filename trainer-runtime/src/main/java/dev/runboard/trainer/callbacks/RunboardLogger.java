package dev.runboard.trainer.callbacks;

import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.EventLogWriterOptions;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.PrCurve;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.Weight;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.system.SystemMetrics;
import dev.runboard.trainer.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 *       <layer>/<weight>} of every weight (at the epoch's end) and {@code <layer>/<weight>/gradient}
 *       of every gradient value of the epoch's batches (running statistics, see {@link
 *       RunningHistogram}); {@code update_ratio/<layer>}: the mean over the epoch's steps of the
 *       norm of a step's update over the norm of the layer's trainable weights before it;
 *   <li>per epoch ({@code validation/}): {@code epoch_loss}, {@code epoch_<metric>};
 *   <li>every 10 s by default, on its own thread ({@code train/}, global step): {@code system/*}
 *       (CPU, memory, JVM heap and GC, GPUs through NVML where there are any; see {@link
 *       SystemMetrics}).
 *   <li>per epoch, with {@link #withPrCurves}: PR curves of the given examples ({@code
 *       validation/}, or {@code train/} without validation).
 * </ul>
 *
 * Writers are flushed after every epoch, so the dashboard shows each epoch as it ends (and
 * batches within the writer's flush interval). A resumed fit ({@code initialEpoch} above 0)
 * continues the step counts and records its starting step in the sessions' {@code START} events
 * (global step in {@code train/}, epoch in {@code validation/}), so a dashboard can mark the
 * restart.
 */
public final class RunboardLogger implements Callback {
  public static final String TRAIN_RUN = "train";
  public static final String VALIDATION_RUN = "validation";

  /** Where the runs go: a local directory's URI, or {@code s3://bucket/prefix}. */
  private final URI logDir;
  private final Map<String, Object> extraHparams;
  private Duration systemMetricsInterval = SystemMetrics.DEFAULT_INTERVAL;
  private Sequential model;
  private FitParams params;
  private EventLogWriter train;
  private EventLogWriter validation;
  private SystemMetrics systemMetrics;
  private volatile long globalStep; // read by the system metrics thread
  private long epochStarted;
  private long batchStarted;
  private int epochExamples;
  // Running statistics of the epoch, per trainable weight (in trainableWeights order) and layer.
  private final List<Weight> trainableWeights = new ArrayList<>();
  private final List<Layer> weightLayers = new ArrayList<>();
  private final List<float[]> beforeStep = new ArrayList<>();
  private final List<RunningHistogram> gradients = new ArrayList<>();
  private final Map<Layer, double[]> updateRatios = new LinkedHashMap<>(); // {sum of ratios, steps}
  private Tensor prInputs;
  private int[] prLabels;
  private int prThresholds;

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

  /**
   * How often system metrics are sampled (default {@link SystemMetrics#DEFAULT_INTERVAL}); {@link
   * Duration#ZERO} turns them off.
   */
  public RunboardLogger systemMetricsInterval(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the interval must not be negative, was " + interval);
    }
    this.systemMetricsInterval = interval;
    return this;
  }

  /**
   * Also logs, after every epoch, precision–recall curves of the model on these examples, in
   * TensorBoard's {@code pr_curves} form: for a model with one output (a sigmoid probability),
   * one curve {@code pr_curve} with label 1 as the positive class; for several outputs (softmax),
   * one curve per class, one against the rest, {@code pr_curve/class_<k>}.
   *
   * @param labels the class of each example (0 or 1 for one output)
   * @param numThresholds points per curve, at least 2 (thresholds {@code i / (numThresholds - 1)})
   */
  public RunboardLogger withPrCurves(Tensor inputs, int[] labels, int numThresholds) {
    if (inputs.dim(0) != labels.length) {
      throw new IllegalArgumentException(inputs.dim(0) + " examples for " + labels.length + " labels");
    }
    if (numThresholds < 2) {
      throw new IllegalArgumentException("numThresholds must be at least 2, was " + numThresholds);
    }
    this.prInputs = inputs;
    this.prLabels = labels.clone();
    this.prThresholds = numThresholds;
    return this;
  }

  @Override
  public void setModel(Sequential model) {
    this.model = model;
  }

  @Override
  public void onTrainBegin(FitParams params) {
    this.params = params;
    globalStep = (long) params.initialEpoch() * params.steps();
    EventLogWriterOptions options = EventLogWriterOptions.defaults();
    try {
      train = EventLogWriter.open(run(TRAIN_RUN), options.withResumeStep(globalStep));
      if (params.validationSamples() > 0) {
        validation = EventLogWriter.open(run(VALIDATION_RUN), options.withResumeStep(params.initialEpoch()));
      }
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException("cannot open the event log under " + logDir, e);
    }
    trainableWeights.clear();
    weightLayers.clear();
    beforeStep.clear();
    gradients.clear();
    updateRatios.clear();
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        if (w.trainable()) {
          trainableWeights.add(w);
          weightLayers.add(layer);
          beforeStep.add(new float[w.value().size()]);
          gradients.add(new RunningHistogram());
          updateRatios.put(layer, new double[2]);
        }
      }
    }
    double now = System.currentTimeMillis() / 1000.0;
    train.write(new GraphEvent(now, model.graph()));
    train.write(
        new RunMetadataEvent(
            now, hyperparameters(), now, hostName(), ProcessHandle.current().info().commandLine().orElse(""),
            "runboard-trainer", version(), Map.of("model", model.name())));
    if (!systemMetricsInterval.isZero()) {
      systemMetrics = SystemMetrics.start(train, () -> globalStep, systemMetricsInterval);
      train.write(new TextEvent(SystemMetrics.PREFIX + "gpu", globalStep, now, systemMetrics.gpuStatus()));
    }
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
    for (int i = 0; i < trainableWeights.size(); i++) {
      float[] values = trainableWeights.get(i).value().data();
      System.arraycopy(values, 0, beforeStep.get(i), 0, values.length); // for this step's update ratio
    }
    batchStarted = System.nanoTime(); // after the copies: examples/s is the step alone
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
    accumulateStepStatistics();
    globalStep++;
  }

  /** This step's gradients into the epoch's histograms, its update-to-weight ratios into their sums. */
  private void accumulateStepStatistics() {
    Layer layer = null;
    double updateSquares = 0;
    double weightSquares = 0;
    for (int i = 0; i <= trainableWeights.size(); i++) {
      Layer next = i < trainableWeights.size() ? weightLayers.get(i) : null;
      if (layer != null && next != layer) {
        if (weightSquares > 0) {
          double[] ratio = updateRatios.get(layer);
          ratio[0] += Math.sqrt(updateSquares / weightSquares);
          ratio[1]++;
        }
        updateSquares = 0;
        weightSquares = 0;
      }
      if (next == null) {
        break;
      }
      layer = next;
      float[] grad = trainableWeights.get(i).value().grad();
      if (grad != null) {
        gradients.get(i).add(grad);
      }
      float[] after = trainableWeights.get(i).value().data();
      float[] before = beforeStep.get(i);
      for (int j = 0; j < after.length; j++) {
        double d = after[j] - before[j];
        updateSquares += d * d;
        weightSquares += (double) before[j] * before[j];
      }
    }
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
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        train.write(new HistogramEvent(layer.name() + "/" + w.name(), epoch, now, Histogram.of(w.value().data())));
      }
    }
    for (int i = 0; i < trainableWeights.size(); i++) {
      RunningHistogram gradient = gradients.get(i);
      if (gradient.count() > 0) {
        String tag = weightLayers.get(i).name() + "/" + trainableWeights.get(i).name() + "/gradient";
        train.write(new HistogramEvent(tag, epoch, now, gradient.toHistogram(Histogram.DEFAULT_BUCKETS)));
      }
      gradient.reset();
    }
    for (Map.Entry<Layer, double[]> e : updateRatios.entrySet()) {
      double[] ratio = e.getValue();
      if (ratio[1] > 0) {
        train.scalar("update_ratio/" + e.getKey().name(), epoch, ratio[0] / ratio[1]);
      }
      ratio[0] = 0;
      ratio[1] = 0;
    }
    if (prInputs != null) {
      logPrCurves(epoch, now);
    }
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
      if (systemMetrics != null) {
        systemMetrics.close(); // its last sample goes in before the writer closes
        systemMetrics = null;
      }
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

  private void logPrCurves(int epoch, double now) {
    float[] outputs = model.predict(prInputs).data();
    int n = prLabels.length;
    int classes = outputs.length / n;
    EventLogWriter log = validation != null ? validation : train;
    if (classes == 1) {
      boolean[] positive = new boolean[n];
      for (int i = 0; i < n; i++) {
        positive[i] = prLabels[i] == 1;
      }
      log.write(PrCurve.event("pr_curve", epoch, now, positive, outputs, prThresholds));
      return;
    }
    for (int k = 0; k < classes; k++) {
      boolean[] positive = new boolean[n];
      float[] probability = new float[n];
      for (int i = 0; i < n; i++) {
        positive[i] = prLabels[i] == k;
        probability[i] = outputs[i * classes + k];
      }
      log.write(PrCurve.event("pr_curve/class_" + k, epoch, now, positive, probability, prThresholds));
    }
  }

  private void closeQuietly() {
    if (systemMetrics != null) {
      systemMetrics.close();
      systemMetrics = null;
    }
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
