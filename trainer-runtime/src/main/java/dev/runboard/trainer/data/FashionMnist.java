package dev.runboard.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test greyscale 28x28 images of clothing in
 * 10 classes, as installed by Debian's {@code dataset-fashion-mnist} package (gzipped IDX files).
 * Unpacked copies of the files (without {@code .gz}) are accepted too.
 */
public final class FashionMnist {
  public static final String NAME = "Fashion-MNIST";
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");
  public static final int CLASS_COUNT = 10;
  public static final int IMAGE_SIDE = 28;
  /** The class names, indexed by label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
          "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

  private static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  private static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  private static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  private static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private FashionMnist() {}

  /** Whether all four files are in Debian's default location. */
  public static boolean isInstalled() {
    return isInstalled(DEFAULT_DIRECTORY);
  }

  /** Whether all four files (gzipped or not) are in {@code directory}. */
  public static boolean isInstalled(Path directory) {
    for (String name : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
      if (locate(directory, name) == null) {
        return false;
      }
    }
    return true;
  }

  /** Loads both sets from Debian's default location. */
  public static TrainTestData load() throws IOException {
    return load(DEFAULT_DIRECTORY);
  }

  /** Loads both sets from {@code directory}, pixels scaled to [0, 1]. */
  public static TrainTestData load(Path directory) throws IOException {
    Dataset train =
        IdxFiles.readLabelled(
            require(directory, TRAIN_IMAGES), require(directory, TRAIN_LABELS), CLASS_COUNT);
    Dataset test =
        IdxFiles.readLabelled(
            require(directory, TEST_IMAGES), require(directory, TEST_LABELS), CLASS_COUNT);
    return new TrainTestData(NAME, train, test, new int[] {IMAGE_SIDE, IMAGE_SIDE, 1});
  }

  private static Path require(Path directory, String name) throws IOException {
    Path file = locate(directory, name);
    if (file == null) {
      throw new IOException(
          "Fashion-MNIST file " + name + "(.gz) not found in " + directory
              + " (install Debian's dataset-fashion-mnist)");
    }
    return file;
  }

  private static Path locate(Path directory, String name) {
    for (Path candidate : List.of(directory.resolve(name + ".gz"), directory.resolve(name))) {
      if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
