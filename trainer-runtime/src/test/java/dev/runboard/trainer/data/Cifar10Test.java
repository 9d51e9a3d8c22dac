package dev.runboard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR-10 binary format, on files this test writes record by record. */
class Cifar10Test {
  @TempDir Path dir;

  /** A record whose pixel (row, column, channel) has value (row + column + 50·channel + label) % 256. */
  private static byte[] record(int label) {
    byte[] r = new byte[Cifar10.RECORD_BYTES];
    r[0] = (byte) label;
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          r[1 + c * 1024 + y * 32 + x] = (byte) ((y + x + 50 * c + label) % 256);
        }
      }
    }
    return r;
  }

  private Path batch(String name, int... labels) throws IOException {
    byte[] all = new byte[labels.length * Cifar10.RECORD_BYTES];
    for (int i = 0; i < labels.length; i++) {
      System.arraycopy(record(labels[i]), 0, all, i * Cifar10.RECORD_BYTES, Cifar10.RECORD_BYTES);
    }
    return Files.write(dir.resolve(name), all);
  }

  @Test
  void loadsAllBatchesAsChannelsLastImages() throws Exception {
    for (int i = 1; i <= 5; i++) {
      batch("data_batch_" + i + ".bin", i, 9 - i);
    }
    batch("test_batch.bin", 3);
    TrainTestData data = Cifar10.load(dir);
    assertThat(data.name()).isEqualTo("CIFAR-10");
    assertThat(data.exampleShape()).containsExactly(32, 32, 3);
    assertThat(data.train().size()).isEqualTo(10);
    assertThat(data.test().size()).isEqualTo(1);
    assertThat(data.train().label(0)).isEqualTo(1);
    assertThat(data.train().label(9)).isEqualTo(4);
    // Example 2 (label 2): pixel (row 5, column 7), green channel, stored NHWC.
    int expected = (5 + 7 + 50 + 2) % 256;
    assertThat(data.train().feature(2, (5 * 32 + 7) * 3 + 1)).isEqualTo(expected / 255f);
    assertThat(data.test().label(0)).isEqualTo(3);
  }

  @Test
  void badFilesAreNamedWithTheOffsetOfTheBadRecord() throws Exception {
    Path truncated = batch("data_batch_1.bin", 1, 2);
    byte[] bytes = Files.readAllBytes(truncated);
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> Cifar10.read(List.of(truncated)))
        .hasMessage(truncated + ": size " + (bytes.length - 10) + " is not a multiple of the 3073-byte record;"
            + " the record at byte 3073 is truncated");

    Path badLabel = batch("bad.bin", 1, 12);
    assertThatThrownBy(() -> Cifar10.read(List.of(badLabel)))
        .hasMessage(badLabel + ": label 12 at byte 3073 is not a CIFAR-10 class (0-9)");

    assertThatThrownBy(() -> Cifar10.load(dir.resolve("nowhere")))
        .hasMessageContaining("data_batch_1.bin not found");
  }
}
