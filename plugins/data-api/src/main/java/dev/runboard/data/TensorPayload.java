package dev.runboard.data;

/**
 * The value of one step of a tensor series: a dense array, or a histogram kept with every field
 * of TensorBoard's {@code HistogramProto} (so that legacy summaries stay exact).
 */
public sealed interface TensorPayload permits DenseTensor, HistogramValue {
  /** Approximate heap bytes, for the index's memory budget. */
  long sizeBytes();
}
