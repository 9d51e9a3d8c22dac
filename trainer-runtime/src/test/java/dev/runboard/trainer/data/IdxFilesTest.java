package dev.runboard.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
  @TempDir Path dir;

  // Three 2x3 images using the full unsigned range, including bytes >= 0x80.
  private static final byte[] PIXELS = {
    0, 1, 2, 3, 4, 5,
    (byte) 255, (byte) 128, 127, 0, 0, 9,
    10, 20, 30, 40, 50, (byte) 200
  };
  private static final byte[] LABELS = {7, 0, 9};

  @Test
  void readsPlainImagesExactly() throws IOException {
    Path file = write("images-idx3-ubyte", images(3, 2, 3, PIXELS), false);
    IdxImages images = IdxFiles.readImages(file);
    assertThat(images.count()).isEqualTo(3);
    assertThat(images.rows()).isEqualTo(2);
    assertThat(images.columns()).isEqualTo(3);
    assertThat(images.pixel(1, 0, 0)).isEqualTo(255);
    assertThat(images.pixel(1, 0, 1)).isEqualTo(128);
    assertThat(images.pixel(2, 1, 2)).isEqualTo(200);
    float[] scaled = images.scaledFeatures();
    assertThat(scaled).hasSize(18);
    for (int i = 0; i < PIXELS.length; i++) {
      assertThat(scaled[i]).isEqualTo(Byte.toUnsignedInt(PIXELS[i]) / 255f);
    }
  }

  @Test
  void readsGzippedFilesByNameAndByContent() throws IOException {
    Path named = write("images-idx3-ubyte.gz", images(3, 2, 3, PIXELS), true);
    // Gzipped content without the .gz suffix: detected from the gzip magic bytes.
    Path sniffed = write("labels-idx1-ubyte", labels(LABELS), true);
    assertThat(IdxFiles.readImages(named).scaledFeatures())
        .containsExactly(IdxFiles.readImages(write("plain", images(3, 2, 3, PIXELS), false)).scaledFeatures());
    assertThat(IdxFiles.readLabels(sniffed)).containsExactly(7, 0, 9);
  }

  @Test
  void readsLabelledDataset() throws IOException {
    Dataset data =
        IdxFiles.readLabelled(
            write("i.gz", images(3, 2, 3, PIXELS), true), write("l.gz", labels(LABELS), true), 10);
    assertThat(data.size()).isEqualTo(3);
    assertThat(data.featureCount()).isEqualTo(6);
    assertThat(data.classCount()).isEqualTo(10);
    assertThat(data.label(0)).isEqualTo(7);
    assertThat(data.feature(1, 0)).isEqualTo(1f);
    assertThat(data.feature(2, 5)).isEqualTo(200 / 255f);
  }

  @Test
  void badMagicNamesTheFile() throws IOException {
    Path labelsAsImages = write("labels-idx1-ubyte", labels(LABELS), false);
    assertThatThrownBy(() -> IdxFiles.readImages(labelsAsImages))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(labelsAsImages.toString())
        .hasMessageContaining("bad magic number 0x00000801, expected 0x00000803");
    Path garbage = write("garbage.gz", "not an idx file at all".getBytes(), true);
    assertThatThrownBy(() -> IdxFiles.readLabels(garbage))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(garbage.toString())
        .hasMessageContaining("bad magic number");
  }

  @Test
  void truncatedDataNamesTheFile() throws IOException {
    byte[] whole = images(3, 2, 3, PIXELS);
    Path cut = write("cut-idx3-ubyte", Arrays.copyOf(whole, whole.length - 4), false);
    assertThatThrownBy(() -> IdxFiles.readImages(cut))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut.toString())
        .hasMessageContaining("truncated")
        .hasMessageContaining("18 pixel bytes but only 14");
    Path cutHeader = write("header-idx3-ubyte", Arrays.copyOf(whole, 10), false);
    assertThatThrownBy(() -> IdxFiles.readImages(cutHeader))
        .hasMessageStartingWith(cutHeader.toString())
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedGzipStreamNamesTheFile() throws IOException {
    Path whole = write("whole.gz", images(3, 2, 3, PIXELS), true);
    byte[] compressed = Files.readAllBytes(whole);
    Path cut = dir.resolve("cut.gz");
    Files.write(cut, Arrays.copyOf(compressed, compressed.length / 2));
    assertThatThrownBy(() -> IdxFiles.readImages(cut))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(cut.toString());
  }

  @Test
  void mismatchedCountsNameBothFiles() throws IOException {
    Path images = write("i", images(3, 2, 3, PIXELS), false);
    Path twoLabels = write("l", labels(new byte[] {1, 2}), false);
    assertThatThrownBy(() -> IdxFiles.readLabelled(images, twoLabels, 10))
        .isInstanceOf(IOException.class)
        .hasMessage(images + " has 3 images but " + twoLabels + " has 2 labels");
  }

  @Test
  void labelOutsideTheClassesIsRejected() throws IOException {
    Path images = write("i", images(3, 2, 3, PIXELS), false);
    Path labels = write("l", labels(LABELS), false);
    assertThatThrownBy(() -> IdxFiles.readLabelled(images, labels, 8))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith(labels.toString())
        .hasMessageContaining("label 9 at index 2");
  }

  @Test
  void missingFileNamesIt() {
    Path missing = dir.resolve("nope-idx1-ubyte.gz");
    assertThatThrownBy(() -> IdxFiles.readLabels(missing))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(missing.toString());
  }

  /** IDX3 as specified: magic 0x00000803, count, rows, columns (big-endian int32), pixels. */
  static byte[] images(int count, int rows, int columns, byte[] pixels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000803);
    out.writeInt(count);
    out.writeInt(rows);
    out.writeInt(columns);
    out.write(pixels);
    return bytes.toByteArray();
  }

  /** IDX1: magic 0x00000801, count, labels. */
  static byte[] labels(byte[] labels) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x00000801);
    out.writeInt(labels.length);
    out.write(labels);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out = Files.newOutputStream(file);
        OutputStream target = gzip ? new GZIPOutputStream(out) : out) {
      target.write(content);
    }
    return file;
  }
}
