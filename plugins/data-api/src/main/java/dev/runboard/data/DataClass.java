package dev.runboard.data;

/**
 * The three shapes data comes in, as in TensorBoard's data provider. Every series belongs to one,
 * and to one plugin ({@link SeriesInfo#pluginName()}), which decides how it is shown.
 */
public enum DataClass {
  /** One number per step: losses, metrics, learning rates. Downsampled with M4. */
  SCALARS,
  /** A small array per step: histograms, PR curves, any plugin's tensors. Resident in memory. */
  TENSORS,
  /**
   * A sequence of opaque byte strings per step: images, audio, large text, graphs. Only
   * references are indexed; the bytes are read from the log file when asked for.
   */
  BLOB_SEQUENCES
}
