package dev.runboard.trainer.model;

import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.ModelGraph;
import dev.runboard.trainer.backend.Backend;
import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.callbacks.FitParams;
import dev.runboard.trainer.callbacks.ProgressBar;
import dev.runboard.trainer.callbacks.ProgressLine;
import dev.runboard.trainer.layers.Activated;
import dev.runboard.trainer.layers.Activation;
import dev.runboard.trainer.layers.CallContext;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.layers.Weight;
import dev.runboard.trainer.losses.Loss;
import dev.runboard.trainer.losses.Losses;
import dev.runboard.trainer.metrics.Metric;
import dev.runboard.trainer.metrics.Metrics;
import dev.runboard.trainer.onnx.OnnxExport;
import dev.runboard.trainer.onnx.WeightFormat;
import dev.runboard.trainer.optimizers.Optimizer;
import dev.runboard.trainer.optimizers.Optimizers;
import dev.runboard.trainer.random.SplitMixRandom;
import dev.runboard.trainer.tensor.Tensor;
import dev.runboard.trainer.tensor.Workspace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Keras's {@code Sequential}: a stack of layers, compiled with an optimizer, a loss and metrics,
 * then {@link #fit}, {@link #evaluate}, {@link #predict}, {@link #save} and {@link #load}.
 *
 * <p>Inputs are tensors whose first axis is the example: images NHWC ({@code [n, 28, 28, 1]}),
 * sparse labels {@code [n]} holding class indices. Not thread-safe: one thread trains a model.
 */
public final class Sequential {
  /** Keras's default batch size for {@code evaluate} and {@code predict}. */
  public static final int DEFAULT_INFERENCE_BATCH = 32;

  private final List<Layer> layers = new ArrayList<>();
  private final String name;
  private Backend backend = Backends.selected();
  private int[] inputShape;
  private long initSeed = 42;
  private Optimizer optimizer;
  private Loss loss;
  private final List<Metric> metrics = new ArrayList<>();
  private final Map<String, String> metadata = new LinkedHashMap<>();
  private boolean stopTraining;
  // Where training stands, saved with the model so that a later fit can continue exactly.
  private int completedEpochs;
  private SplitMixRandom shuffleRandom;
  private SplitMixRandom dropoutRandom;

  public Sequential(Layer... layers) {
    this("sequential", List.of(layers));
  }

  public Sequential(String name, List<? extends Layer> layers) {
    this.name = Objects.requireNonNull(name, "name");
    for (Layer layer : layers) {
      add(layer);
    }
  }

  public String name() {
    return name;
  }

  /** Appends a layer, naming it as Keras would ({@code dense}, {@code dense_1}, ...). */
  public Sequential add(Layer layer) {
    if (isBuilt()) {
      throw new IllegalStateException("cannot add layers to a built model");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (Layer l : layers) {
      seen.merge(l.type(), 1, Integer::sum);
    }
    int index = seen.getOrDefault(layer.type(), 0);
    String base = snakeCase(layer.type());
    if (layer.name() == null) {
      layer.setName(index == 0 ? base : base + "_" + index);
    }
    layers.add(layer);
    return this;
  }

  public List<Layer> layers() {
    return List.copyOf(layers);
  }

  /** Runs on another backend (kernels); the default is {@link Backends#selected()} (CPU unless configured). */
  public Sequential backend(Backend backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
    return this;
  }

  public Backend backend() {
    return backend;
  }

  /** Seeds the initial weights (set before the model is built). */
  public Sequential initializerSeed(long seed) {
    if (isBuilt()) {
      throw new IllegalStateException("the model is already built");
    }
    this.initSeed = seed;
    return this;
  }

  public boolean isBuilt() {
    return inputShape != null;
  }

  /** Builds every layer for examples of {@code shape} (batch axis excluded). */
  public Sequential build(int... shape) {
    if (layers.isEmpty()) {
      throw new IllegalStateException("a Sequential model needs at least one layer");
    }
    if (isBuilt()) {
      if (!Arrays.equals(inputShape, shape)) {
        throw new IllegalArgumentException(
            "model was built for inputs " + Arrays.toString(inputShape) + ", got " + Arrays.toString(shape));
      }
      return this;
    }
    SplittableRandom init = new SplittableRandom(initSeed);
    int[] current = shape.clone();
    for (Layer layer : layers) {
      current = layer.build(current, init);
    }
    inputShape = shape.clone();
    return this;
  }

  /** The declared input shape of the first layer, if it has one. */
  private void buildFromDeclaration() {
    if (!isBuilt() && !layers.isEmpty() && layers.get(0).declaredInputShape() != null) {
      build(layers.get(0).declaredInputShape());
    }
  }

  public int[] inputShape() {
    buildFromDeclaration();
    return inputShape == null ? null : inputShape.clone();
  }

  public void compile(Optimizer optimizer, Loss loss, Metric... metrics) {
    this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    this.loss = Objects.requireNonNull(loss, "loss");
    this.metrics.clear();
    this.metrics.addAll(List.of(metrics));
  }

  /** {@code compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])}. */
  public void compile(String optimizer, String loss, String... metrics) {
    Metric[] resolved = new Metric[metrics.length];
    for (int i = 0; i < metrics.length; i++) {
      resolved[i] = Metrics.get(metrics[i]);
    }
    compile(Optimizers.get(optimizer), Losses.get(loss), resolved);
  }

  /**
   * Free-form notes saved with the model (keys and values without line breaks): e.g. how it was
   * trained, so that a resumed run can use the same settings. Mutable.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Epochs trained so far: by {@link #fit} calls on this instance (the last one's epoch count), or
   * as saved in the file it was loaded from. A fit with {@link FitOptions#initialEpoch} equal to
   * it continues exactly where training stopped.
   */
  public int completedEpochs() {
    return completedEpochs;
  }

  /** The epoch count and random streams, for {@link ModelFile}. */
  TrainingProgress progress() {
    return new TrainingProgress(
        completedEpochs,
        shuffleRandom == null ? null : shuffleRandom.state(),
        dropoutRandom == null ? null : dropoutRandom.state());
  }

  void restoreProgress(TrainingProgress progress) {
    completedEpochs = progress.completedEpochs();
    shuffleRandom = progress.shuffle() == null ? null : SplitMixRandom.restore(progress.shuffle());
    dropoutRandom = progress.dropout() == null ? null : SplitMixRandom.restore(progress.dropout());
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Loss loss() {
    return loss;
  }

  public List<Metric> metrics() {
    return List.copyOf(metrics);
  }

  /**
   * Asks a running {@link #fit} to stop (Keras's {@code stop_training}): called from a batch
   * callback, after that batch (the epoch still validates and ends); from an epoch callback, before
   * the next epoch.
   */
  public void stopTraining() {
    stopTraining = true;
  }

  /**
   * Trains on {@code x}/{@code y}, epochs {@link FitOptions#initialEpoch} + 1 to {@link
   * FitOptions#epochs}. Interrupting the training thread stops between batches with an {@link
   * InterruptedException}, after the callbacks' {@code onTrainEnd}.
   */
  public History fit(Tensor x, Tensor y, FitOptions options) throws InterruptedException {
    requireCompiled();
    checkPaired(x, y);
    if (options.initialEpoch >= options.epochs) {
      throw new IllegalArgumentException(
          "initialEpoch " + options.initialEpoch + " leaves nothing to train: epochs is " + options.epochs);
    }
    build(exampleShape(x));
    // Training batches are gathered from x by index: the first `samples` examples train, and the
    // training part is never copied (it can be hundreds of MB).
    int samples = x.dim(0);
    Tensor valX = options.validationX;
    Tensor valY = options.validationY;
    if (valX == null && options.validationSplit > 0) {
      int splitAt = (int) Math.floor(x.dim(0) * (1.0 - options.validationSplit));
      valX = Batches.slice(x, splitAt, x.dim(0) - splitAt);
      valY = Batches.slice(y, splitAt, y.dim(0) - splitAt);
      samples = splitAt;
    }
    if (valX != null) {
      checkPaired(valX, valY);
    }
    if (samples == 0) {
      throw new IllegalArgumentException("no training examples left after the validation split");
    }
    boolean validate = valX != null && valX.dim(0) > 0;
    int steps = (samples + options.batchSize - 1) / options.batchSize;

    List<Callback> callbacks = new ArrayList<>();
    if (options.verbose > 0) {
      callbacks.add(new ProgressBar(options.console, 250));
    }
    callbacks.addAll(options.callbacks);
    for (Callback callback : callbacks) {
      callback.setModel(this);
    }
    FitParams params =
        new FitParams(
            options.initialEpoch, options.epochs, steps, options.batchSize, samples, validate ? valX.dim(0) : 0);
    if (options.initialEpoch == 0 || options.initialEpoch != completedEpochs || shuffleRandom == null) {
      // A fresh start (or a resume without the state to continue from): streams from the seed.
      shuffleRandom = new SplitMixRandom(options.seed);
      dropoutRandom = shuffleRandom.split();
    }
    SplitMixRandom random = shuffleRandom;
    CallContext training = new CallContext(backend, true, dropoutRandom);
    List<Tensor> variables = trainableVariables();
    History history = new History();
    Map<String, Double> lastLogs = new LinkedHashMap<>();
    stopTraining = false;
    try (Workspace workspace = Workspace.open()) {
      for (Callback callback : callbacks) {
        callback.onTrainBegin(params);
      }
      for (int epoch = options.initialEpoch; epoch < options.epochs && !stopTraining; epoch++) {
        for (Callback callback : callbacks) {
          callback.onEpochBegin(epoch);
        }
        int[] order = options.shuffle ? permutation(samples, random) : Batches.identity(samples);
        double lossSum = 0;
        int seen = 0;
        for (Metric metric : metrics) {
          metric.reset();
        }
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int batch = 0; batch < steps; batch++) {
          if (Thread.interrupted()) {
            throw new InterruptedException("training interrupted in epoch " + (epoch + 1));
          }
          workspace.recycle(); // the previous step's arrays are dead now
          for (Callback callback : callbacks) {
            callback.onTrainBatchBegin(batch);
          }
          int start = batch * options.batchSize;
          int count = Math.min(options.batchSize, samples - start);
          Tensor xb = Batches.gather(x, order, start, count);
          Tensor yb = Batches.gather(y, order, start, count);
          for (Tensor v : variables) {
            v.zeroGrad();
          }
          Tensor output = forward(xb, training, true);
          Tensor batchLoss = lossOf(output, yb);
          batchLoss.backward();
          optimizer.apply(variables);
          lossSum += (double) batchLoss.item() * count;
          seen += count;
          for (Metric metric : metrics) {
            metric.update(output, yb);
          }
          logs = new LinkedHashMap<>();
          logs.put("loss", lossSum / seen);
          for (Metric metric : metrics) {
            logs.put(metric.name(), metric.result());
          }
          for (Callback callback : callbacks) {
            callback.onTrainBatchEnd(batch, logs);
          }
          if (stopTraining) {
            break; // as in Keras: the epoch ends here, with its validation and onEpochEnd
          }
        }
        Map<String, Double> epochLogs = new LinkedHashMap<>(logs);
        if (validate) {
          Map<String, Double> val = evaluate(valX, valY, options.batchSize, null);
          val.forEach((k, v) -> epochLogs.put("val_" + k, v));
        }
        history.record(epochLogs);
        lastLogs = epochLogs;
        completedEpochs = epoch + 1; // before the callbacks: a checkpoint saved now resumes here
        for (Callback callback : callbacks) {
          callback.onEpochEnd(epoch, epochLogs);
        }
      }
    } catch (Throwable failure) {
      try {
        endTraining(callbacks, lastLogs);
      } catch (RuntimeException e) {
        failure.addSuppressed(e); // the training failure is the one to report
      }
      throw failure;
    }
    endTraining(callbacks, lastLogs);
    return history;
  }

  /**
   * Tells every callback that training ended, even when one of them fails (each may hold files to
   * close); the first failure is rethrown.
   */
  private static void endTraining(List<Callback> callbacks, Map<String, Double> logs) {
    RuntimeException first = null;
    for (Callback callback : callbacks) {
      try {
        callback.onTrainEnd(logs);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Loss and metrics on {@code x}/{@code y}, in batches of {@link #DEFAULT_INFERENCE_BATCH}, with
   * Keras's progress bar on standard output.
   */
  public Map<String, Double> evaluate(Tensor x, Tensor y) {
    return evaluate(x, y, DEFAULT_INFERENCE_BATCH);
  }

  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize) {
    return evaluate(x, y, batchSize, 1);
  }

  /** {@code verbose}: 0 silent, 1 progress bar on standard output (Keras's meanings). */
  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, int verbose) {
    return evaluate(x, y, batchSize, verbose > 0 ? System.out : null);
  }

  /** With the progress bar on {@code console}; null for none. */
  public Map<String, Double> evaluate(Tensor x, Tensor y, int batchSize, PrintStream console) {
    requireCompiled();
    requirePositive(batchSize);
    checkPaired(x, y);
    build(exampleShape(x));
    CallContext inference = new CallContext(backend, false, null);
    for (Metric metric : metrics) {
      metric.reset();
    }
    double lossSum = 0;
    int n = x.dim(0);
    ProgressLine progress = console == null ? null : new ProgressLine(console, steps(n, batchSize), 250);
    try (Workspace workspace = Workspace.open()) {
      for (int start = 0; start < n; start += batchSize) {
        workspace.recycle();
        int count = Math.min(batchSize, n - start);
        Tensor xb = Batches.slice(x, start, count);
        Tensor yb = Batches.slice(y, start, count);
        Tensor output = forward(xb, inference, true);
        lossSum += (double) lossOf(output, yb).item() * count;
        for (Metric metric : metrics) {
          metric.update(output, yb);
        }
        if (progress != null) {
          progress.update(start / batchSize + 1, evaluationLogs(lossSum, start + count));
        }
      }
    }
    Map<String, Double> result = evaluationLogs(lossSum, n);
    if (progress != null) {
      progress.finish(result);
    }
    return result;
  }

  private Map<String, Double> evaluationLogs(double lossSum, int seen) {
    Map<String, Double> logs = new LinkedHashMap<>();
    logs.put("loss", seen == 0 ? Double.NaN : lossSum / seen);
    for (Metric metric : metrics) {
      logs.put(metric.name(), metric.result());
    }
    return logs;
  }

  private static int steps(int examples, int batchSize) {
    return (examples + batchSize - 1) / batchSize;
  }

  private static void requirePositive(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
  }

  /**
   * The model's outputs for {@code x} (softmax probabilities for a softmax model), with Keras's
   * progress bar on standard output.
   */
  public Tensor predict(Tensor x) {
    return predict(x, DEFAULT_INFERENCE_BATCH);
  }

  public Tensor predict(Tensor x, int batchSize) {
    return predict(x, batchSize, 1);
  }

  /** {@code verbose}: 0 silent, 1 progress bar on standard output (Keras's meanings). */
  public Tensor predict(Tensor x, int batchSize, int verbose) {
    return predict(x, batchSize, verbose > 0 ? System.out : null);
  }

  /** With the progress bar on {@code console}; null for none. */
  public Tensor predict(Tensor x, int batchSize, PrintStream console) {
    requirePositive(batchSize);
    build(exampleShape(x));
    CallContext inference = new CallContext(backend, false, null);
    int n = x.dim(0);
    int[] outShape = layers.get(layers.size() - 1).outputShape();
    int perExample = Tensor.sizeOf(outShape);
    float[] out = new float[n * perExample];
    ProgressLine progress = console == null ? null : new ProgressLine(console, steps(n, batchSize), 250);
    try (Workspace workspace = Workspace.open()) {
      for (int start = 0; start < n; start += batchSize) {
        workspace.recycle();
        int count = Math.min(batchSize, n - start);
        Tensor output = forward(Batches.slice(x, start, count), inference, false);
        System.arraycopy(output.data(), 0, out, start * perExample, count * perExample);
        if (progress != null) {
          progress.update(start / batchSize + 1, Map.of());
        }
      }
    }
    if (progress != null) {
      progress.finish(Map.of());
    }
    int[] shape = new int[outShape.length + 1];
    shape[0] = n;
    System.arraycopy(outShape, 0, shape, 1, outShape.length);
    return Tensor.of(out, shape);
  }

  /**
   * The forward pass. With {@code forLoss} and a loss that fuses with a final softmax, the last
   * layer's activation is left to the loss (the output is then logits).
   */
  private Tensor forward(Tensor x, CallContext context, boolean forLoss) {
    Tensor h = x;
    int last = layers.size() - 1;
    for (int i = 0; i < last; i++) {
      Layer layer = layers.get(i);
      // A convolution pools its own output where the backend fuses the two (the intermediate
      // array then never leaves native memory).
      if (i + 1 < last && layer instanceof Conv2D conv && layers.get(i + 1) instanceof MaxPooling2D pool
          && conv.fusesWith(pool, context)) {
        h = conv.callPooled(h, pool, context);
        i++;
        continue;
      }
      h = layer.call(h, context);
    }
    Layer output = layers.get(last);
    if (forLoss && fusesLoss()) {
      return ((Activated) output).callLinear(h, context);
    }
    return output.call(h, context);
  }

  private boolean fusesLoss() {
    Layer output = layers.get(layers.size() - 1);
    return loss != null
        && loss.fusesWithSoftmax()
        && output instanceof Activated
        && ((Activated) output).activation() == Activation.SOFTMAX;
  }

  private Tensor lossOf(Tensor output, Tensor targets) {
    return fusesLoss()
        ? loss.computeFromLogits(backend, output, targets)
        : loss.compute(backend, output, targets);
  }

  /** Trainable tensors of every layer, in layer order. */
  public List<Tensor> trainableVariables() {
    List<Tensor> variables = new ArrayList<>();
    for (Layer layer : layers) {
      for (Weight w : layer.weights()) {
        if (w.trainable()) {
          variables.add(w.value());
        }
      }
    }
    return variables;
  }

  /** Copies of every weight (trainable or not), in layer order: Keras's {@code get_weights()}. */
  public List<float[]> getWeights() {
    List<float[]> copies = new ArrayList<>();
    for (Layer layer : layers) {
      for (Weight w : layer.weights()) {
        copies.add(w.value().data().clone());
      }
    }
    return copies;
  }

  /** Overwrites every weight from {@link #getWeights()}-ordered arrays. */
  public void setWeights(List<float[]> values) {
    List<Weight> all = new ArrayList<>();
    for (Layer layer : layers) {
      all.addAll(layer.weights());
    }
    if (values.size() != all.size()) {
      throw new IllegalArgumentException("model has " + all.size() + " weights, got " + values.size());
    }
    for (int i = 0; i < all.size(); i++) {
      float[] target = all.get(i).value().data();
      if (values.get(i).length != target.length) {
        throw new IllegalArgumentException(
            "weight " + i + " has " + target.length + " values, got " + values.get(i).length);
      }
      System.arraycopy(values.get(i), 0, target, 0, target.length);
    }
  }

  public long parameterCount() {
    long count = 0;
    for (Layer layer : layers) {
      count += layer.parameterCount();
    }
    return count;
  }

  /**
   * Writes architecture and weights to one file, with the compile settings, the optimizer's state,
   * the epoch count and the random streams (see {@link ModelFile}): saved at the end of an epoch
   * (as {@code ModelCheckpoint} does, or after {@code fit}), the loaded model continues training
   * exactly ({@link FitOptions#initialEpoch}). Saved mid-epoch, the optimizer and random state are
   * those of that moment while the epoch count is the last completed one: resuming is then close,
   * not exact.
   */
  public void save(Path file) throws IOException {
    requireBuilt();
    ModelFile.write(this, file);
  }

  /**
   * A model as {@link #save} wrote it; it predicts exactly as the saved one did. It comes back
   * compiled, with its optimizer's state, when it was saved compiled with a built-in optimizer,
   * schedule, loss and metrics (otherwise compile it yourself).
   */
  public static Sequential load(Path file) throws IOException {
    return ModelFile.read(file);
  }

  /**
   * Writes the model as ONNX with float32 weights (see {@link OnnxExport}): input {@code input}
   * NHWC as the trainer takes it, output {@code output}.
   */
  public void exportOnnx(Path file) throws IOException {
    exportOnnx(file, WeightFormat.FLOAT32);
  }

  /** As {@link #exportOnnx(Path)}; {@link WeightFormat#INT8} quantizes the kernels per channel. */
  public void exportOnnx(Path file, WeightFormat weights) throws IOException {
    requireBuilt();
    OnnxExport.write(this, file, weights);
  }

  /** Keras's {@code model.summary()}. */
  public String summary() {
    requireBuilt();
    String rule = "_".repeat(70);
    StringBuilder s = new StringBuilder();
    s.append("Model: \"").append(name).append("\"\n").append(rule).append('\n');
    s.append(String.format(Locale.ROOT, " %-33s%-26s%-10s%n", "Layer (type)", "Output Shape", "Param #"));
    s.append("=".repeat(70)).append('\n');
    long trainable = 0;
    long total = 0;
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      s.append(
          String.format(
              Locale.ROOT, " %-33s%-26s%-10d%n",
              layer.name() + " (" + layer.type() + ")", shapeText(layer.outputShape()), layer.parameterCount()));
      s.append(i == layers.size() - 1 ? "" : "\n");
      for (Weight w : layer.weights()) {
        total += w.value().size();
        if (w.trainable()) {
          trainable += w.value().size();
        }
      }
    }
    s.append("=".repeat(70)).append('\n');
    s.append(String.format(Locale.ROOT, "Total params: %,d (%s)%n", total, bytes(total)));
    s.append(String.format(Locale.ROOT, "Trainable params: %,d (%s)%n", trainable, bytes(trainable)));
    s.append(String.format(Locale.ROOT, "Non-trainable params: %,d (%s)%n", total - trainable, bytes(total - trainable)));
    s.append(rule).append('\n');
    return s.toString();
  }

  public void summary(PrintStream out) {
    out.print(summary());
  }

  /** The layer graph, for the dashboard's graph view. */
  public ModelGraph graph() {
    requireBuilt();
    List<GraphNode> nodes = new ArrayList<>();
    List<Long> input = new ArrayList<>();
    input.add(-1L);
    for (int d : inputShape) {
      input.add((long) d);
    }
    String previous = name + "/input";
    nodes.add(new GraphNode(previous, "InputLayer", List.of(), input, 0, Map.of()));
    for (Layer layer : layers) {
      List<Long> shape = new ArrayList<>();
      shape.add(-1L);
      for (int d : layer.outputShape()) {
        shape.add((long) d);
      }
      String nodeName = name + "/" + layer.name();
      nodes.add(new GraphNode(nodeName, layer.type(), List.of(previous), shape, layer.parameterCount(), layer.config()));
      previous = nodeName;
    }
    return new ModelGraph(nodes);
  }

  private static String shapeText(int[] shape) {
    StringBuilder s = new StringBuilder("(None");
    for (int d : shape) {
      s.append(", ").append(d);
    }
    return s.append(')').toString();
  }

  private static String bytes(long params) {
    double b = params * 4.0;
    if (b < 1024) {
      return String.format(Locale.ROOT, "%.2f B", b);
    }
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.2f KB", b / 1024);
    }
    return String.format(Locale.ROOT, "%.2f MB", b / 1024 / 1024);
  }

  private static String snakeCase(String type) {
    // Keras: Conv2D -> conv2d, MaxPooling2D -> max_pooling2d, BatchNormalization -> batch_normalization.
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < type.length(); i++) {
      char c = type.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(type.charAt(i - 1))) {
        s.append('_');
      }
      s.append(Character.toLowerCase(c));
    }
    return s.toString();
  }

  private static int[] permutation(int n, SplitMixRandom random) {
    int[] order = Batches.identity(n);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static int[] exampleShape(Tensor x) {
    int[] shape = x.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException("inputs need a batch axis and an example shape, got " + x);
    }
    return Arrays.copyOfRange(shape, 1, shape.length);
  }

  private static void checkPaired(Tensor x, Tensor y) {
    if (y == null || x.dim(0) != y.dim(0)) {
      throw new IllegalArgumentException("inputs " + x + " and targets " + y + " differ in example count");
    }
  }

  private void requireCompiled() {
    if (optimizer == null || loss == null) {
      throw new IllegalStateException("compile the model before fit or evaluate");
    }
  }

  private void requireBuilt() {
    buildFromDeclaration();
    if (!isBuilt()) {
      throw new IllegalStateException(
          "the model is not built: give the first layer an inputShape, call build, or fit it");
    }
  }
}
