package dev.runboard.trainer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files MNIST-style datasets ship in: a big-endian magic number {@code 0x0000TTDD}
 * (TT the element type, DD the number of dimensions), DD big-endian int32 sizes, then the elements.
 * Only unsigned-byte element type is supported, which is all (Fashion-)MNIST uses. Files are
 * gunzipped transparently when the name ends in {@code .gz} or the content starts with the gzip
 * magic, so both Debian's compressed files and unpacked copies work.
 *
 * <p>Every failure is an {@link IOException} whose message starts with the offending file.
 */
public final class IdxFiles {
  /** Unsigned bytes, three dimensions (count, rows, columns). */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Unsigned bytes, one dimension (count). */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int GZIP_MAGIC_BYTE_0 = 0x1f;
  private static final int GZIP_MAGIC_BYTE_1 = 0x8b;
  // Arrays cannot be much larger than this; a header claiming more is corrupt, not a big dataset.
  private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private IdxFiles() {}

  public static IdxImages readImages(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in, IMAGES_MAGIC, "IDX3 unsigned-byte images");
      int count = readDimension(file, in, "image count");
      int rows = readDimension(file, in, "row count");
      int columns = readDimension(file, in, "column count");
      long elements = (long) count * rows * columns;
      if (elements > MAX_ELEMENTS) {
        throw new IOException(
            file + ": header claims " + count + "x" + rows + "x" + columns + " pixels, too many to load");
      }
      byte[] pixels = readElements(file, in, (int) elements, "pixel");
      return new IdxImages(count, rows, columns, pixels);
    } catch (IOException e) {
      throw namingFile(file, e);
    }
  }

  /** The labels of an IDX1 file, each 0..255. */
  public static int[] readLabels(Path file) throws IOException {
    try (DataInputStream in = open(file)) {
      checkMagic(file, in, LABELS_MAGIC, "IDX1 unsigned-byte labels");
      int count = readDimension(file, in, "label count");
      byte[] raw = readElements(file, in, count, "label");
      int[] labels = new int[count];
      for (int i = 0; i < count; i++) {
        labels[i] = Byte.toUnsignedInt(raw[i]);
      }
      return labels;
    } catch (IOException e) {
      throw namingFile(file, e);
    }
  }

  /**
   * Reads an image file and its label file as one dataset with pixels scaled to [0, 1].
   *
   * @throws IOException when either file is unreadable, the counts differ, or a label is not below
   *     {@code classCount}
   */
  public static Dataset readLabelled(Path images, Path labels, int classCount) throws IOException {
    IdxImages pixels = readImages(images);
    int[] classes = readLabels(labels);
    if (pixels.count() != classes.length) {
      throw new IOException(
          images + " has " + pixels.count() + " images but " + labels + " has " + classes.length + " labels");
    }
    for (int i = 0; i < classes.length; i++) {
      if (classes[i] >= classCount) {
        throw new IOException(
            labels + ": label " + classes[i] + " at index " + i + " is not below the class count " + classCount);
      }
    }
    return Dataset.wrap(pixels.scaledFeatures(), classes, pixels.pixelsPerImage(), classCount);
  }

  private static DataInputStream open(Path file) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    try {
      buffered.mark(2);
      int b0 = buffered.read();
      int b1 = buffered.read();
      buffered.reset();
      boolean gzip =
          file.getFileName().toString().endsWith(".gz")
              || (b0 == GZIP_MAGIC_BYTE_0 && b1 == GZIP_MAGIC_BYTE_1);
      InputStream content = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
      return new DataInputStream(gzip ? new BufferedInputStream(content, 1 << 16) : content);
    } catch (IOException | RuntimeException e) {
      buffered.close();
      throw e;
    }
  }

  private static void checkMagic(Path file, DataInputStream in, int expected, String kind)
      throws IOException {
    int magic = readHeaderInt(file, in, "magic number");
    if (magic != expected) {
      throw new IOException(
          String.format(
              "%s: bad magic number 0x%08x, expected 0x%08x (%s)", file, magic, expected, kind));
    }
  }

  private static int readDimension(Path file, DataInputStream in, String what) throws IOException {
    int size = readHeaderInt(file, in, what);
    if (size < 0) {
      throw new IOException(file + ": negative " + what + " " + size + " in header");
    }
    return size;
  }

  private static int readHeaderInt(Path file, DataInputStream in, String what) throws IOException {
    try {
      return in.readInt();
    } catch (EOFException e) {
      throw new IOException(file + ": truncated: file ends inside the header (" + what + ")", e);
    }
  }

  private static byte[] readElements(Path file, InputStream in, int count, String what)
      throws IOException {
    // readNBytes grows its buffer as data arrives, so a lying header cannot force a huge allocation.
    byte[] data = in.readNBytes(count);
    if (data.length < count) {
      throw new IOException(
          file + ": truncated: header announces " + count + " " + what + " bytes but only "
              + data.length + " follow");
    }
    return data;
  }

  /** Prefixes the path to low-level errors (e.g. a corrupt gzip stream) that do not carry it. */
  private static IOException namingFile(Path file, IOException e) {
    String message = e.getMessage();
    if (message != null && message.startsWith(file.toString())) {
      return e;
    }
    return new IOException(file + ": " + (message == null ? e.getClass().getSimpleName() : message), e);
  }
}
