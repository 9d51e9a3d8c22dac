package dev.runboard.trainer.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its "binary version" ({@code cifar-10-batches-bin/}): {@code data_batch_1.bin} ..
 * {@code data_batch_5.bin} and {@code test_batch.bin}, each a sequence of 3,073-byte records: a
 * label byte (0-9), then 1,024 red, 1,024 green and 1,024 blue bytes of a 32x32 image, row-major.
 * Runboard does not ship the data; point this at a user's own copy.
 *
 * <p>Images come out NHWC (channels last, Keras's layout) scaled to [0, 1]. Errors name the file
 * and the byte offset of the bad record.
 */
public final class Cifar10 {
  public static final String NAME = "CIFAR-10";
  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int CLASS_COUNT = 10;
  public static final int RECORD_BYTES = 1 + SIDE * SIDE * CHANNELS;
  public static final List<String> TRAIN_FILES =
      List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
  public static final String TEST_FILE = "test_batch.bin";

  private Cifar10() {}

  /** Loads the five training batches and the test batch from {@code directory}. */
  public static TrainTestData load(Path directory) throws IOException {
    List<Path> train = new ArrayList<>();
    for (String name : TRAIN_FILES) {
      train.add(require(directory, name));
    }
    return new TrainTestData(
        NAME, read(train), read(List.of(require(directory, TEST_FILE))), new int[] {SIDE, SIDE, CHANNELS});
  }

  /** Reads and concatenates binary-format batch files. */
  public static Dataset read(List<Path> files) throws IOException {
    long total = 0;
    for (Path file : files) {
      long size = Files.size(file);
      if (size % RECORD_BYTES != 0) {
        throw new IOException(
            file + ": size " + size + " is not a multiple of the " + RECORD_BYTES
                + "-byte record; the record at byte " + (size / RECORD_BYTES) * RECORD_BYTES + " is truncated");
      }
      total += size / RECORD_BYTES;
    }
    int count = Math.toIntExact(total);
    int pixels = SIDE * SIDE * CHANNELS;
    float[] features = new float[count * pixels];
    int[] labels = new int[count];
    byte[] record = new byte[RECORD_BYTES];
    int example = 0;
    for (Path file : files) {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        long offset = 0;
        while (true) {
          int n = in.readNBytes(record, 0, RECORD_BYTES);
          if (n == 0) {
            break;
          }
          if (n < RECORD_BYTES) {
            throw new IOException(file + ": record at byte " + offset + " is truncated (" + n + " bytes)");
          }
          int label = Byte.toUnsignedInt(record[0]);
          if (label >= CLASS_COUNT) {
            throw new IOException(file + ": label " + label + " at byte " + offset + " is not a CIFAR-10 class (0-9)");
          }
          labels[example] = label;
          int base = example * pixels;
          // Planar RGB in the file, interleaved (channels last) in memory.
          for (int c = 0; c < CHANNELS; c++) {
            int plane = 1 + c * SIDE * SIDE;
            for (int p = 0; p < SIDE * SIDE; p++) {
              features[base + p * CHANNELS + c] = Byte.toUnsignedInt(record[plane + p]) / 255f;
            }
          }
          example++;
          offset += RECORD_BYTES;
        }
      }
    }
    return Dataset.wrap(features, labels, pixels, CLASS_COUNT);
  }

  private static Path require(Path directory, String name) throws IOException {
    Path file = directory.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "CIFAR-10 file " + name + " not found in " + directory
              + " (expected the binary version, cifar-10-batches-bin/)");
    }
    return file;
  }
}
