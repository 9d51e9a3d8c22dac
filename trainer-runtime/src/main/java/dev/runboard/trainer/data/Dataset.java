package dev.runboard.trainer.data;

import dev.runboard.trainer.tensor.Tensor;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An immutable labelled classification set: one row of {@code featureCount} floats per example
 * (row-major in a single array, so batches are copied with one {@code arraycopy} per row) and one
 * class index per example.
 */
public final class Dataset {
  private final float[] features;
  private final int[] labels;
  private final int featureCount;
  private final int classCount;

  private Dataset(float[] features, int[] labels, int featureCount, int classCount) {
    if (featureCount < 1) {
      throw new IllegalArgumentException("featureCount must be at least 1, was " + featureCount);
    }
    if (classCount < 2) {
      throw new IllegalArgumentException("classCount must be at least 2, was " + classCount);
    }
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException(
          "features has "
              + features.length
              + " values but "
              + labels.length
              + " labels x "
              + featureCount
              + " features need "
              + (long) labels.length * featureCount);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classCount) {
        throw new IllegalArgumentException(
            "label " + labels[i] + " of example " + i + " is outside [0, " + classCount + ")");
      }
    }
    this.features = features;
    this.labels = labels;
    this.featureCount = featureCount;
    this.classCount = classCount;
  }

  /** A dataset holding copies of the given arrays, so later changes to them do not leak in. */
  public static Dataset of(float[] features, int[] labels, int featureCount, int classCount) {
    return new Dataset(features.clone(), labels.clone(), featureCount, classCount);
  }

  /** Takes ownership of freshly built arrays without copying (they can be hundreds of MB). */
  static Dataset wrap(float[] features, int[] labels, int featureCount, int classCount) {
    return new Dataset(features, labels, featureCount, classCount);
  }

  public int size() {
    return labels.length;
  }

  public int featureCount() {
    return featureCount;
  }

  public int classCount() {
    return classCount;
  }

  public int label(int example) {
    return labels[Objects.checkIndex(example, labels.length)];
  }

  public float feature(int example, int feature) {
    Objects.checkIndex(example, labels.length);
    Objects.checkIndex(feature, featureCount);
    return features[example * featureCount + feature];
  }

  /** Examples {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Dataset slice(int from, int to) {
    Objects.checkFromToIndex(from, to, labels.length);
    float[] sliceFeatures = new float[(to - from) * featureCount];
    System.arraycopy(features, from * featureCount, sliceFeatures, 0, sliceFeatures.length);
    int[] sliceLabels = new int[to - from];
    System.arraycopy(labels, from, sliceLabels, 0, sliceLabels.length);
    return new Dataset(sliceFeatures, sliceLabels, featureCount, classCount);
  }

  /**
   * Splits off the last {@code fraction} of the examples, in their stored order, as Keras's {@code
   * validation_split} does: the first part keeps {@code floor(size * (1 - fraction))} examples.
   */
  public Split split(double fraction) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction);
    }
    int splitAt = (int) Math.floor(size() * (1.0 - fraction));
    return new Split(slice(0, splitAt), slice(splitAt, size()));
  }

  /** A permutation of {@code 0..size-1} that depends only on the size and the seed. */
  public int[] shuffledIndices(long seed) {
    int[] order = new int[labels.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  /**
   * Copies the examples {@code order[start .. start+count)} into the first {@code count} rows of
   * {@code featuresOut} and entries of {@code labelsOut}: how a training batch is assembled.
   */
  public void copyBatch(int[] order, int start, int count, float[] featuresOut, int[] labelsOut) {
    Objects.checkFromIndexSize(start, count, order.length);
    if (featuresOut.length < count * featureCount || labelsOut.length < count) {
      throw new IllegalArgumentException("output buffers are too small for " + count + " examples");
    }
    for (int row = 0; row < count; row++) {
      int example = order[start + row];
      System.arraycopy(features, example * featureCount, featuresOut, row * featureCount, featureCount);
      labelsOut[row] = labels[example];
    }
  }

  /** Like {@link #copyBatch(int[], int, int, float[], int[])} for examples in stored order. */
  public void copyRange(int start, int count, float[] featuresOut, int[] labelsOut) {
    Objects.checkFromIndexSize(start, count, labels.length);
    if (featuresOut.length < count * featureCount || labelsOut.length < count) {
      throw new IllegalArgumentException("output buffers are too small for " + count + " examples");
    }
    System.arraycopy(features, start * featureCount, featuresOut, 0, count * featureCount);
    System.arraycopy(labels, start, labelsOut, 0, count);
  }

  /**
   * The features as a tensor of examples of {@code exampleShape} (e.g. {@code 28, 28, 1} for
   * Fashion-MNIST, NHWC), sharing this dataset's array: nothing is copied.
   */
  public Tensor x(int... exampleShape) {
    if (Tensor.sizeOf(exampleShape) != featureCount) {
      throw new IllegalArgumentException(
          "example shape " + java.util.Arrays.toString(exampleShape) + " does not hold " + featureCount + " features");
    }
    int[] shape = new int[exampleShape.length + 1];
    shape[0] = labels.length;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    return Tensor.of(features, shape);
  }

  /** The labels as a {@code [n]} tensor of class indices (floats), Keras's sparse targets. */
  public Tensor y() {
    float[] values = new float[labels.length];
    for (int i = 0; i < labels.length; i++) {
      values[i] = labels[i];
    }
    return Tensor.of(values, labels.length);
  }

  @Override
  public String toString() {
    return "Dataset[size=" + size() + ", features=" + featureCount + ", classes=" + classCount + "]";
  }

  /** The two parts of {@link #split(double)}. */
  public record Split(Dataset first, Dataset second) {
    public Split {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(second, "second");
    }
  }
}
