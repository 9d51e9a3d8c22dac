package dev.runboard.trainer.optimizers;

/** Optimizers by their Keras names, with Keras's defaults. */
public final class Optimizers {
  private Optimizers() {}

  public static Optimizer get(String name) {
    switch (name) {
      case "adam":
        return new Adam();
      case "adamw":
        return new AdamW();
      case "sgd":
        return new Sgd();
      default:
        throw new IllegalArgumentException("unknown optimizer '" + name + "' (known: adam, adamw, sgd)");
    }
  }
}
