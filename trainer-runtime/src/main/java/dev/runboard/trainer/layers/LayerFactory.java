package dev.runboard.trainer.layers;

import java.util.Map;

/** Recreates a layer from its type and {@link Layer#config()}: how saved models are loaded. */
public final class LayerFactory {
  private LayerFactory() {}

  public static Layer create(String type, Map<String, String> config) {
    try {
      switch (type) {
        case "Dense":
          return new Dense(Integer.parseInt(config.get("units")), config.get("activation"));
        case "Conv2D":
          return Conv2D.fromConfig(config);
        case "MaxPooling2D":
          return MaxPooling2D.fromConfig(config);
        case "Flatten":
          return new Flatten();
        case "Dropout":
          return new Dropout(Double.parseDouble(config.get("rate")));
        case "BatchNormalization":
          return new BatchNormalization(
              Double.parseDouble(config.get("momentum")), Double.parseDouble(config.get("epsilon")));
        default:
          throw new IllegalArgumentException("unknown layer type '" + type + "'");
      }
    } catch (NullPointerException | NumberFormatException e) {
      throw new IllegalArgumentException("bad " + type + " config " + config + ": " + e.getMessage(), e);
    }
  }
}
