package dev.runboard.trainer.losses;

/** Losses by their Keras names, for {@code compile("adam", "sparse_categorical_crossentropy")}. */
public final class Losses {
  private Losses() {}

  public static Loss get(String name) {
    switch (name) {
      case "sparse_categorical_crossentropy":
        return new SparseCategoricalCrossentropy();
      case "categorical_crossentropy":
        return new CategoricalCrossentropy();
      case "binary_crossentropy":
        return new BinaryCrossentropy();
      case "mse":
      case "mean_squared_error":
        return new MeanSquaredError();
      default:
        throw new IllegalArgumentException(
            "unknown loss '" + name + "' (known: sparse_categorical_crossentropy,"
                + " categorical_crossentropy, binary_crossentropy, mean_squared_error)");
    }
  }
}
