package dev.runboard.eventlog;

import java.io.ByteArrayOutputStream;
import java.util.Objects;

/**
 * A precision–recall curve of a binary classifier, in the form of TensorBoard's {@code pr_curves}
 * plugin: a {@code float32} tensor of shape {@code [6, numThresholds]} whose rows are true
 * positives, false positives, true negatives, false negatives, precision and recall at the
 * thresholds {@code i / (numThresholds - 1)}. Logged as a {@link TensorEvent} of plugin {@link
 * #PLUGIN_NAME}, so TensorBoard's files and Runboard's logs carry PR curves the same way.
 *
 * <p>The counts follow TensorBoard's {@code pr_curve} summary op: a prediction {@code p} counts as
 * positive at threshold {@code i} when {@code floor(p * (numThresholds - 1)) >= i}; precision and
 * recall divide by at least {@code 1e-7}, so an empty denominator gives 0, not NaN.
 */
public final class PrCurve {
  /** TensorBoard's plugin name for PR curves. */
  public static final String PLUGIN_NAME = "pr_curves";
  public static final int TRUE_POSITIVES = 0;
  public static final int FALSE_POSITIVES = 1;
  public static final int TRUE_NEGATIVES = 2;
  public static final int FALSE_NEGATIVES = 3;
  public static final int PRECISION = 4;
  public static final int RECALL = 5;
  /** Rows of the tensor. */
  public static final int ROWS = 6;

  /** TensorBoard's smallest denominator for precision and recall. */
  private static final double MINIMUM_COUNT = 1e-7;

  private PrCurve() {}

  /**
   * The curve of {@code predictions} (probabilities of the positive class, clipped to [0, 1])
   * against {@code labels}, as an event for the log.
   *
   * @param numThresholds at least 2
   */
  public static TensorEvent event(
      String tag, long step, double wallTime, boolean[] labels, float[] predictions, int numThresholds) {
    float[] rows = compute(labels, predictions, numThresholds);
    return new TensorEvent(
        tag, step, wallTime, PLUGIN_NAME, pluginContent(numThresholds),
        TensorValue.ofFloats(new long[] {ROWS, numThresholds}, rows));
  }

  /** The six rows, row-major ({@code [row * numThresholds + threshold]}). */
  public static float[] compute(boolean[] labels, float[] predictions, int numThresholds) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(predictions, "predictions");
    if (labels.length != predictions.length) {
      throw new IllegalArgumentException(
          labels.length + " labels for " + predictions.length + " predictions");
    }
    if (numThresholds < 2) {
      throw new IllegalArgumentException("numThresholds must be at least 2, was " + numThresholds);
    }
    int t = numThresholds;
    // Positives and negatives per threshold bucket, then summed from the top: the counts at
    // threshold i are those of every bucket at or above i.
    double[] tp = new double[t];
    double[] fp = new double[t];
    for (int i = 0; i < labels.length; i++) {
      float p = predictions[i];
      double clipped = p > 1 ? 1 : (p >= 0 ? p : 0); // NaN counts as 0
      int bucket = Math.min(t - 1, (int) Math.floor(clipped * (t - 1)));
      if (labels[i]) {
        tp[bucket]++;
      } else {
        fp[bucket]++;
      }
    }
    for (int i = t - 2; i >= 0; i--) {
      tp[i] += tp[i + 1];
      fp[i] += fp[i + 1];
    }
    float[] rows = new float[ROWS * t];
    for (int i = 0; i < t; i++) {
      double tn = fp[0] - fp[i];
      double fn = tp[0] - tp[i];
      rows[TRUE_POSITIVES * t + i] = (float) tp[i];
      rows[FALSE_POSITIVES * t + i] = (float) fp[i];
      rows[TRUE_NEGATIVES * t + i] = (float) tn;
      rows[FALSE_NEGATIVES * t + i] = (float) fn;
      rows[PRECISION * t + i] = (float) (tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fp[i]));
      rows[RECALL * t + i] = (float) (tp[i] / Math.max(MINIMUM_COUNT, tp[i] + fn));
    }
    return rows;
  }

  /**
   * TensorBoard's {@code PrCurvePluginData} ({@code version = 0}, {@code num_thresholds}) in
   * protobuf wire format, written by hand: the message is two varints.
   */
  public static byte[] pluginContent(int numThresholds) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(6);
    out.write((2 << 3) | 0); // field 2, varint
    long v = numThresholds & 0xffffffffL;
    while (v >= 0x80) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }
}
