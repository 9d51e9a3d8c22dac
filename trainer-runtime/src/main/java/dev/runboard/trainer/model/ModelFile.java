package dev.runboard.trainer.model;

import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.LayerFactory;
import dev.runboard.trainer.layers.Weight;
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
 * The single-file model format ({@code .rbmodel}): architecture and weights, big-endian.
 *
 * <pre>
 * "RBMODEL\0"  int version(1)
 * int n, n bytes UTF-8 architecture: lines "name=...", "input_shape=28,28,1", then per layer
 *     "layer=Conv2D;name=conv2d;filters=32;kernel_size=3x3;..."
 * int weights; per weight: int n, n bytes UTF-8 "layer/weight", int rank, rank ints, floats
 * long CRC-32 of everything before it
 * </pre>
 *
 * Floats are stored bit for bit, so a loaded model computes exactly what the saved one did.
 */
final class ModelFile {
  private static final byte[] MAGIC = "RBMODEL\0".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;

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
          for (float v : weights.get(i).value().data()) {
            out.writeInt(Float.floatToRawIntBits(v));
          }
        }
        out.flush();
        new DataOutputStream(raw).writeLong(crc.getValue());
      }
      // Replace atomically: a reader (or a crash) never sees half a checkpoint.
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
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
      if (version != VERSION) {
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
        float[] data = target.value().data();
        for (int j = 0; j < data.length; j++) {
          data[j] = Float.intBitsToFloat(r.integer("weight values of " + name));
        }
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
