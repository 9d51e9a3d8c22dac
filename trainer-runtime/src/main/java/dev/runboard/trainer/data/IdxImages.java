package dev.runboard.trainer.data;

import java.util.Objects;

/** The unsigned-byte pixels of an IDX3 image file, images stored one after another, row-major. */
public final class IdxImages {
  private final int count;
  private final int rows;
  private final int columns;
  private final byte[] pixels;

  IdxImages(int count, int rows, int columns, byte[] pixels) {
    if ((long) count * rows * columns != pixels.length) {
      throw new IllegalArgumentException("pixel array does not match " + count + "x" + rows + "x" + columns);
    }
    this.count = count;
    this.rows = rows;
    this.columns = columns;
    this.pixels = pixels;
  }

  public int count() {
    return count;
  }

  public int rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  public int pixelsPerImage() {
    return rows * columns;
  }

  /** The pixel at ({@code row}, {@code column}) of image {@code image}, 0..255. */
  public int pixel(int image, int row, int column) {
    Objects.checkIndex(image, count);
    Objects.checkIndex(row, rows);
    Objects.checkIndex(column, columns);
    return Byte.toUnsignedInt(pixels[(image * rows + row) * columns + column]);
  }

  /** All pixels divided by 255, so every feature lies in [0, 1]. */
  public float[] scaledFeatures() {
    float[] features = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      features[i] = Byte.toUnsignedInt(pixels[i]) / 255f;
    }
    return features;
  }
}
