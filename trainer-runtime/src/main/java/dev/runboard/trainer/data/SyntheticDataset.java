package dev.runboard.trainer.data;

import java.util.SplittableRandom;

/**
 * A deterministic stand-in for Fashion-MNIST on machines without it: Gaussian clusters in [0, 1]
 * feature space, one per class, with Fashion-MNIST's shape (784 features, 10 classes).
 *
 * <p>Each class centre is a random grey "image"; examples are the centre plus independent
 * Gaussian noise, clipped to [0, 1] like real pixels. The noise is large per feature (a single
 * pixel says little about the class) but the classes separate well in the aggregate, so an MLP
 * learns it to high accuracy within an epoch or two.
 */
public final class SyntheticDataset {
  public static final String NAME = "synthetic Gaussian clusters";
  public static final int FEATURE_COUNT = 784;
  public static final int CLASS_COUNT = 10;

  // Centres lie within 0.5 +- 0.1 per feature, buried in noise of 0.35: tuned so the demo MLP
  // climbs from chance to about 95% test accuracy over its first epoch on 12,000 examples, a
  // curve worth watching, rather than being perfect after a few batches.
  private static final double CENTRE_SPREAD = 0.2;
  private static final double NOISE_STDDEV = 0.35;

  private SyntheticDataset() {}

  /** Train and test sets drawn from the same clusters; the same arguments give the same data. */
  public static TrainTestData generate(int trainSize, int testSize, long seed) {
    if (trainSize < 1 || testSize < 1) {
      throw new IllegalArgumentException(
          "trainSize and testSize must be at least 1, were " + trainSize + " and " + testSize);
    }
    SplittableRandom random = new SplittableRandom(seed);
    float[] centres = new float[CLASS_COUNT * FEATURE_COUNT];
    for (int i = 0; i < centres.length; i++) {
      centres[i] = (float) (0.5 + CENTRE_SPREAD * (random.nextDouble() - 0.5));
    }
    Dataset train = sample(centres, trainSize, random.split());
    Dataset test = sample(centres, testSize, random.split());
    return new TrainTestData(NAME, train, test, new int[] {28, 28, 1});
  }

  private static Dataset sample(float[] centres, int size, SplittableRandom random) {
    float[] features = new float[size * FEATURE_COUNT];
    int[] labels = new int[size];
    for (int example = 0; example < size; example++) {
      // Uniform labels: classes equally frequent, and any contiguous slice (a validation split)
      // is as balanced as the whole.
      int label = random.nextInt(CLASS_COUNT);
      labels[example] = label;
      int row = example * FEATURE_COUNT;
      int centre = label * FEATURE_COUNT;
      for (int feature = 0; feature < FEATURE_COUNT; feature++) {
        double value = centres[centre + feature] + NOISE_STDDEV * gaussian(random);
        features[row + feature] = (float) Math.min(1.0, Math.max(0.0, value));
      }
    }
    return Dataset.wrap(features, labels, FEATURE_COUNT, CLASS_COUNT);
  }

  /** A standard normal draw (Box-Muller; SplittableRandom has no nextGaussian on Java 17). */
  private static double gaussian(SplittableRandom random) {
    double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }
}
