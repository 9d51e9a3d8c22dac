package dev.runboard.trainer.model;

import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.LayerFactory;
import dev.runboard.trainer.layers.Weight;
import dev.runboard.trainer.losses.Loss;
import dev.runboard.trainer.losses.Losses;
import dev.runboard.trainer.metrics.Metric;
import dev.runboard.trainer.metrics.Metrics;
import dev.runboard.trainer.optimizers.Optimizer;
import dev.runboard.trainer.optimizers.OptimizerState;
import dev.runboard.trainer.optimizers.Optimizers;
import dev.runboard.trainer.random.SplitMixRandom;
import dev.runboard.trainer.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The single-file model format ({@code .rbmodel}): architecture, weights and, from version 2, how
 * the model was compiled and where its training stands, big-endian.
 *
 * <pre>
 * "RBMODEL\0"  int version (2; version 1 files, without the part marked v2, still load)
 * int n, n bytes UTF-8 architecture: lines "name=...", "input_shape=28,28,1", then per layer
 *     "layer=Conv2D;name=conv2d;filters=32;kernel_size=3x3;..."
 * int weights; per weight: int n, n bytes UTF-8 "layer/weight", int rank, rank ints, floats
 * v2: int n, n bytes UTF-8 settings: lines "optimizer.name=adam", "optimizer.beta_1=0.9",
 *     "optimizer.learning_rate.schedule=constant", ..., "loss=...", "metric=..." (only when the
 *     compiled model can be rebuilt from names), "metadata.KEY=VALUE"
 * v2: int completed epochs
 * v2: byte 1 and 4 longs (shuffle stream seed and gamma, dropout stream seed and gamma), or byte 0
 * v2: byte 1, long optimizer steps, int trainable variables, int arrays per variable, then per
 *     variable byte 1 and its arrays' floats (or byte 0: no state yet); or byte 0 (no optimizer)
 * long CRC-32 of everything before it
 * </pre>
 *
 * Floats are stored bit for bit, so a loaded model computes exactly what the saved one did, and a
 * model saved at the end of an epoch continues training exactly as it would have without the
 * interruption ({@link FitOptions#initialEpoch}).
 */
final class ModelFile {
  private static final byte[] MAGIC = "RBMODEL\0".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 2;
  private static final String OPTIMIZER = "optimizer.";
  private static final String METADATA = "metadata.";

  private ModelFile() {}

  static void write(Sequential model, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
    try {
      CRC32 crc = new CRC32();
      try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
          DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc))) {
        out.write(MAGIC);
        out.writeInt(VERSION);
        byte[] architecture = architecture(model).getBytes(StandardCharsets.UTF_8);
        out.writeInt(architecture.length);
        out.write(architecture);
        List<String> names = new ArrayList<>();
        List<Weight> weights = new ArrayList<>();
        for (Layer layer : model.layers()) {
          for (Weight w : layer.weights()) {
            names.add(layer.name() + "/" + w.name());
            weights.add(w);
          }
        }
        out.writeInt(weights.size());
        for (int i = 0; i < weights.size(); i++) {
          byte[] name = names.get(i).getBytes(StandardCharsets.UTF_8);
          out.writeInt(name.length);
          out.write(name);
          int[] shape = weights.get(i).value().shape();
          out.writeInt(shape.length);
          for (int d : shape) {
            out.writeInt(d);
          }
          writeFloats(out, weights.get(i).value().data());
        }
        writeTraining(model, out);
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
      }
      // Replace atomically: a reader (or a crash) never sees half a checkpoint.
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
    for (float v : values) {
      out.writeInt(Float.floatToRawIntBits(v));
    }
  }

  /** The version 2 part: settings, progress and optimizer state. */
  private static void writeTraining(Sequential model, DataOutputStream out) throws IOException {
    Optimizer optimizer = rebuildable(model) ? model.optimizer() : null;
    StringBuilder settings = new StringBuilder();
    if (optimizer != null) {
      optimizer.config().forEach((k, v) -> line(settings, OPTIMIZER + k, v));
      line(settings, "loss", model.loss().name());
      for (Metric metric : model.metrics()) {
        line(settings, "metric", metric.name());
      }
    }
    model.metadata().forEach((k, v) -> line(settings, METADATA + k, v));
    byte[] text = settings.toString().getBytes(StandardCharsets.UTF_8);
    out.writeInt(text.length);
    out.write(text);
    TrainingProgress progress = model.progress();
    out.writeInt(progress.completedEpochs());
    out.writeBoolean(progress.shuffle() != null);
    if (progress.shuffle() != null) {
      out.writeLong(progress.shuffle().seed());
      out.writeLong(progress.shuffle().gamma());
      out.writeLong(progress.dropout().seed());
      out.writeLong(progress.dropout().gamma());
    }
    out.writeBoolean(optimizer != null);
    if (optimizer != null) {
      OptimizerState state = optimizer.state(model.trainableVariables());
      out.writeLong(state.iterations());
      out.writeInt(state.slots().size());
      out.writeInt(optimizer.slotsPerVariable());
      for (float[][] slots : state.slots()) {
        out.writeBoolean(slots != null);
        if (slots != null) {
          for (float[] slot : slots) {
            writeFloats(out, slot);
          }
        }
      }
    }
  }

  /**
   * Whether loading can compile the model again from names: the optimizer's schedule can be
   * described and the loss and metrics are the built-in ones.
   */
  private static boolean rebuildable(Sequential model) {
    if (model.optimizer() == null || model.loss() == null || model.optimizer().config() == null) {
      return false;
    }
    try {
      Losses.get(model.loss().name());
      for (Metric metric : model.metrics()) {
        Metrics.get(metric.name());
      }
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void line(StringBuilder s, String key, String value) {
    if (key.indexOf('=') >= 0 || key.indexOf('\n') >= 0 || value.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "cannot save setting '" + key + "': keys hold no '=' or line break, values no line break");
    }
    s.append(key).append('=').append(value).append('\n');
  }

  private static String architecture(Sequential model) {
    StringBuilder s = new StringBuilder();
    s.append("name=").append(model.name()).append('\n');
    s.append("input_shape=").append(join(model.inputShape())).append('\n');
    for (Layer layer : model.layers()) {
      s.append("layer=").append(layer.type()).append(";name=").append(layer.name());
      layer.config().forEach((k, v) -> s.append(';').append(k).append('=').append(v));
      s.append('\n');
    }
    return s.toString();
  }

  static Sequential read(Path file) throws IOException {
    CRC32 crc = new CRC32();
    try (CountingInput counting = new CountingInput(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        DataInputStream in = new DataInputStream(new CheckedInputStream(counting, crc))) {
      Reader r = new Reader(file, in, counting);
      byte[] magic = r.bytes(MAGIC.length, "magic");
      if (!Arrays.equals(magic, MAGIC)) {
        throw r.error(0, "not a Runboard model file (bad magic)");
      }
      int version = r.integer("version");
      if (version != 1 && version != VERSION) {
        throw r.error(MAGIC.length, "unsupported model file version " + version);
      }
      long architectureAt = counting.count;
      String architecture = new String(r.bytes(r.length("architecture"), "architecture"), StandardCharsets.UTF_8);
      Sequential model = parseArchitecture(architecture, file, architectureAt);
      List<Weight> weights = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (Layer layer : model.layers()) {
        for (Weight w : layer.weights()) {
          weights.add(w);
          names.add(layer.name() + "/" + w.name());
        }
      }
      long countAt = counting.count;
      int count = r.integer("weight count");
      if (count != weights.size()) {
        throw r.error(countAt, "file holds " + count + " weights, the architecture needs " + weights.size());
      }
      for (int i = 0; i < count; i++) {
        long at = counting.count;
        String name = new String(r.bytes(r.length("weight name"), "weight name"), StandardCharsets.UTF_8);
        int rank = r.integer("rank");
        if (rank < 0 || rank > 8) {
          throw r.error(at, "weight " + name + " has impossible rank " + rank);
        }
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
          shape[d] = r.integer("dimension");
        }
        Weight target = weights.get(i);
        if (!name.equals(names.get(i)) || !Arrays.equals(shape, target.value().shape())) {
          throw r.error(at, "weight " + name + Arrays.toString(shape) + " does not match the architecture's "
              + names.get(i) + Arrays.toString(target.value().shape()));
        }
        r.floats(target.value().data(), "weight values of " + name);
      }
      if (version >= 2) {
        readTraining(model, r, counting);
      }
      long checksumAt = counting.count;
      long expected = crc.getValue();
      long stored;
      try {
        stored = new DataInputStream(counting).readLong();
      } catch (EOFException e) {
        throw r.error(checksumAt, "truncated: the checksum is missing");
      }
      if (stored != expected) {
        throw r.error(checksumAt, "checksum mismatch: the file is corrupt");
      }
      if (counting.read() != -1) {
        throw r.error(counting.count - 1, "unexpected data after the checksum");
      }
      return model;
    }
  }

  private static void readTraining(Sequential model, Reader r, CountingInput counting) throws IOException {
    long settingsAt = counting.count;
    String text = new String(r.bytes(r.length("settings"), "settings"), StandardCharsets.UTF_8);
    Map<String, String> optimizerConfig = new LinkedHashMap<>();
    String loss = null;
    List<String> metrics = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq < 0) {
        throw r.error(settingsAt, "bad settings line '" + line + "'");
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 1);
      if (key.startsWith(OPTIMIZER)) {
        optimizerConfig.put(key.substring(OPTIMIZER.length()), value);
      } else if (key.startsWith(METADATA)) {
        model.metadata().put(key.substring(METADATA.length()), value);
      } else if (key.equals("loss")) {
        loss = value;
      } else if (key.equals("metric")) {
        metrics.add(value);
      } else {
        throw r.error(settingsAt, "unknown setting '" + key + "'");
      }
    }
    if (!optimizerConfig.isEmpty()) {
      if (loss == null) {
        throw r.error(settingsAt, "an optimizer but no loss in the settings");
      }
      try {
        Metric[] resolved = new Metric[metrics.size()];
        for (int i = 0; i < resolved.length; i++) {
          resolved[i] = Metrics.get(metrics.get(i));
        }
        Loss resolvedLoss = Losses.get(loss);
        model.compile(Optimizers.fromConfig(optimizerConfig), resolvedLoss, resolved);
      } catch (IllegalArgumentException e) {
        throw r.error(settingsAt, "cannot compile the saved model again: " + e.getMessage());
      }
    }
    long progressAt = counting.count;
    int epochs = r.integer("completed epochs");
    if (epochs < 0) {
      throw r.error(progressAt, "negative completed epoch count " + epochs);
    }
    SplitMixRandom.State shuffle = null;
    SplitMixRandom.State dropout = null;
    long randomAt = counting.count;
    if (r.flag("random state")) {
      try {
        shuffle = new SplitMixRandom.State(r.longValue("shuffle seed"), r.longValue("shuffle gamma"));
        dropout = new SplitMixRandom.State(r.longValue("dropout seed"), r.longValue("dropout gamma"));
      } catch (IllegalArgumentException e) {
        throw r.error(randomAt, "bad random state: " + e.getMessage());
      }
    }
    model.restoreProgress(new TrainingProgress(epochs, shuffle, dropout));
    long optimizerAt = counting.count;
    if (!r.flag("optimizer state")) {
      return;
    }
    if (model.optimizer() == null) {
      throw r.error(optimizerAt, "optimizer state but no optimizer settings");
    }
    long iterations = r.longValue("optimizer steps");
    List<Tensor> variables = model.trainableVariables();
    int count = r.integer("optimizer variable count");
    int perVariable = r.integer("optimizer arrays per variable");
    if (count != variables.size() || perVariable != model.optimizer().slotsPerVariable() || iterations < 0) {
      throw r.error(optimizerAt, "optimizer state for " + count + " variables with " + perVariable
          + " arrays each at step " + iterations + " does not fit " + variables.size() + " variables of "
          + model.optimizer().name());
    }
    List<float[][]> slots = new ArrayList<>();
    for (int v = 0; v < count; v++) {
      if (!r.flag("optimizer state presence")) {
        slots.add(null);
        continue;
      }
      float[][] arrays = new float[perVariable][];
      for (int i = 0; i < perVariable; i++) {
        arrays[i] = new float[variables.get(v).size()];
        r.floats(arrays[i], "optimizer state");
      }
      slots.add(arrays);
    }
    model.optimizer().restore(new OptimizerState(iterations, slots), variables);
  }

  private static Sequential parseArchitecture(String text, Path file, long offset) throws IOException {
    String name = null;
    int[] inputShape = null;
    List<Layer> layers = new ArrayList<>();
    try {
      for (String line : text.split("\n")) {
        if (line.startsWith("name=")) {
          name = line.substring(5);
        } else if (line.startsWith("input_shape=")) {
          inputShape = Arrays.stream(line.substring(12).split(",")).mapToInt(Integer::parseInt).toArray();
        } else if (line.startsWith("layer=")) {
          String[] parts = line.split(";");
          String type = parts[0].substring(6);
          Map<String, String> config = new LinkedHashMap<>();
          String layerName = null;
          for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            String key = parts[i].substring(0, eq);
            String value = parts[i].substring(eq + 1);
            if (key.equals("name")) {
              layerName = value;
            } else {
              config.put(key, value);
            }
          }
          Layer layer = LayerFactory.create(type, config);
          if (layerName != null) {
            layer.setName(layerName);
          }
          layers.add(layer);
        } else if (!line.isEmpty()) {
          throw new IllegalArgumentException("unexpected line '" + line + "'");
        }
      }
      if (name == null || inputShape == null || layers.isEmpty()) {
        throw new IllegalArgumentException("name, input_shape or layers missing");
      }
      Sequential model = new Sequential(name, layers);
      model.build(inputShape);
      return model;
    } catch (RuntimeException e) {
      throw new IOException(file + " at byte " + offset + ": bad architecture: " + e.getMessage(), e);
    }
  }

  private static String join(int[] values) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      s.append(i == 0 ? "" : ",").append(values[i]);
    }
    return s.toString();
  }

  /** Reads fields, turning end-of-file into an error naming the file, the offset and the field. */
  private static final class Reader {
    private final Path file;
    private final DataInputStream in;
    private final CountingInput counting;

    Reader(Path file, DataInputStream in, CountingInput counting) {
      this.file = file;
      this.in = in;
      this.counting = counting;
    }

    int integer(String what) throws IOException {
      long at = counting.count;
      try {
        return in.readInt();
      } catch (EOFException e) {
        throw error(at, "truncated inside " + what);
      }
    }

    long longValue(String what) throws IOException {
      long at = counting.count;
      try {
        return in.readLong();
      } catch (EOFException e) {
        throw error(at, "truncated inside " + what);
      }
    }

    boolean flag(String what) throws IOException {
      long at = counting.count;
      int b = in.read();
      if (b < 0) {
        throw error(at, "truncated inside " + what);
      }
      if (b > 1) {
        throw error(at, "bad " + what + " flag " + b);
      }
      return b == 1;
    }

    void floats(float[] into, String what) throws IOException {
      for (int j = 0; j < into.length; j++) {
        into[j] = Float.intBitsToFloat(integer(what));
      }
    }

    int length(String what) throws IOException {
      long at = counting.count;
      int n = integer(what + " length");
      if (n < 0 || n > (1 << 24)) {
        throw error(at, "implausible " + what + " length " + n);
      }
      return n;
    }

    byte[] bytes(int n, String what) throws IOException {
      long at = counting.count;
      byte[] b = in.readNBytes(n);
      if (b.length < n) {
        throw error(at, "truncated inside " + what);
      }
      return b;
    }

    IOException error(long offset, String message) {
      return new IOException(file + " at byte " + offset + ": " + message);
    }
  }

  /** Counts bytes consumed, for error offsets. */
  private static final class CountingInput extends java.io.FilterInputStream {
    long count;

    CountingInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }
  }
}
