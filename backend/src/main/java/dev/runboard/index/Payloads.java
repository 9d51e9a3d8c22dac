package dev.runboard.index;

import dev.runboard.data.DenseTensor;
import dev.runboard.data.HistogramValue;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.TensorEvent;

/** Converts the event log's values into the data contract's. */
final class Payloads {
  private Payloads() {}

  static HistogramValue histogram(Histogram h) {
    return new HistogramValue(
        h.min(), h.max(), h.count(), h.sum(), h.sumSquares(), h.bucketLimits(), h.bucketCounts(),
        h.estimated());
  }

  static DenseTensor tensor(TensorEvent e) {
    return new DenseTensor(
        e.tensor().dtype(), e.tensor().shape(), e.tensor().toDoubles(), e.pluginContent());
  }
}
