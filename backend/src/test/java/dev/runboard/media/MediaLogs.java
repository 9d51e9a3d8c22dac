package dev.runboard.media;

import com.google.protobuf.ByteString;
import dev.runboard.eventlog.EventLogWriter;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.PrCurve;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.eventlog.tfevents.TfRecordWriter;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.HistogramProto;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorShapeProto;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.imageio.ImageIO;

/**
 * Hand-built logs of every media kind, in both formats: Runboard's Arrow log (written with {@link
 * EventLogWriter}) and TensorBoard tfevents records (protos framed with {@link TfRecordWriter}),
 * with the values the tests expect back field by field.
 */
public final class MediaLogs {
  public static final double WALL = 1_764_000_000.0;
  /** A legacy TensorFlow 1 {@code histo} summary: every statistic exact. */
  public static final HistogramProto LEGACY_HISTO = HistogramProto.newBuilder()
      .setMin(-1.5).setMax(2.25).setNum(7).setSum(3.5).setSumSquares(12.125)
      .addBucketLimit(-1).addBucketLimit(0).addBucketLimit(1).addBucketLimit(1.7976931348623157e308)
      .addBucket(1).addBucket(2).addBucket(3).addBucket(1)
      .build();
  /** A TensorFlow 2 histogram tensor: rows (left edge, right edge, count). */
  public static final double[][] TF2_HISTOGRAM = {{-1, 0, 2}, {0, 1, 5}, {1, 3, 3}};
  /** The four-bucket histogram whose basis-point values are worked out by hand in the tests. */
  public static final Histogram EVEN = new Histogram(0, 4, 4, 10, 30, new double[] {1, 2, 3, 4}, new double[] {1, 1, 1, 1});
  public static final boolean[] PR_LABELS = {true, true, false, false, true};
  public static final float[] PR_PREDICTIONS = {0.9f, 0.4f, 0.6f, 0.1f, 1.0f};
  /** Bytes that claim to be a PNG and are a web page. */
  public static final byte[] HTML_AS_PNG =
      "<!doctype html><html><body><script>document.title='pwned'</script>hi</body></html>".getBytes(StandardCharsets.UTF_8);

  private MediaLogs() {}

  /** A PNG of a flat colour, {@code width} x {@code height}. */
  public static byte[] png(int width, int height, Color color) {
    return encode(width, height, color, "png");
  }

  public static byte[] jpeg(int width, int height, Color color) {
    return encode(width, height, color, "jpg");
  }

  public static byte[] gif(int width, int height, Color color) {
    return encode(width, height, color, "gif");
  }

  /** The 12-byte RIFF/WEBP header and a little more: enough for the magic bytes. */
  public static byte[] webpHeader() {
    byte[] b = "RIFF\u0010\u0000\u0000\u0000WEBPVP8 \u0004\u0000\u0000\u0000abcd".getBytes(StandardCharsets.ISO_8859_1);
    return b;
  }

  private static byte[] encode(int width, int height, Color color, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, (x + y) % 2 == 0 ? color.getRGB() : color.darker().getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(image, format, out)) {
        throw new IllegalStateException("no ImageIO writer for " + format);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // tfevents

  public static void writeTfEvents(Path file, Event... events) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      TfRecordWriter writer = new TfRecordWriter(out);
      writer.write(Event.newBuilder().setWallTime(WALL).setFileVersion("brain.Event:2").build().toByteArray());
      for (Event e : events) {
        writer.write(e.toByteArray());
      }
    }
  }

  public static Event event(long step, Summary.Value.Builder value) {
    return Event.newBuilder().setWallTime(WALL + step).setStep(step)
        .setSummary(Summary.newBuilder().addValue(value)).build();
  }

  public static Summary.Value.Builder value(String tag) {
    return Summary.Value.newBuilder().setTag(ByteString.copyFromUtf8(tag));
  }

  public static SummaryMetadata plugin(String name, byte[] content) {
    return SummaryMetadata.newBuilder().setPluginData(
        SummaryMetadata.PluginData.newBuilder().setPluginName(ByteString.copyFromUtf8(name)).setContent(ByteString.copyFrom(content))).build();
  }

  public static TensorProto doubles(double[][] rows) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_DOUBLE)
        .setTensorShape(shape(rows.length, rows[0].length));
    for (double[] row : rows) {
      for (double v : row) {
        t.addDoubleVal(v);
      }
    }
    return t.build();
  }

  public static TensorProto floats(long[] dims, float[] values) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT).setTensorShape(shape(dims));
    for (float v : values) {
      t.addFloatVal(v);
    }
    return t.build();
  }

  public static TensorProto strings(long[] dims, String... values) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_STRING).setTensorShape(shape(dims));
    for (String v : values) {
      t.addStringVal(ByteString.copyFromUtf8(v));
    }
    return t.build();
  }

  public static TensorProto images(int width, int height, byte[]... encoded) {
    TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
        .setTensorShape(shape(2 + encoded.length))
        .addStringVal(ByteString.copyFromUtf8(Integer.toString(width)))
        .addStringVal(ByteString.copyFromUtf8(Integer.toString(height)));
    for (byte[] e : encoded) {
      t.addStringVal(ByteString.copyFrom(e));
    }
    return t.build();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : dims) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return s.build();
  }

  // ---------------------------------------------------------------------------------------------
  // The logdir the API and browser tests share

  /**
   * Run {@code rb} (Runboard's log): histogram {@code dense/kernel} at steps 0..9, {@code even} at
   * step 0, images {@code samples} (PNG 8x6 at steps 0..4, then JPEG, GIF, WebP header and the
   * HTML "PNG" at 5..8), text {@code notes} at 0..2, a PR curve {@code pr} at steps 0 and 1.
   * Run {@code tf} (tfevents): the legacy histo {@code legacy} at step 3, the TF2 histogram {@code
   * tf2} at step 4, TF2 images {@code tf2_image} (one PNG at step 1), text {@code table} (a 2-D
   * string tensor) at step 2, and a PR-curve tensor {@code pr_tf} at step 5.
   */
  public static void writeAll(Path logdir) throws IOException {
    try (EventLogWriter rb = EventLogWriter.open(logdir.resolve("rb"))) {
      for (int step = 0; step < 10; step++) {
        rb.write(new HistogramEvent("dense/kernel", step, WALL + step, kernel(step)));
      }
      rb.write(new HistogramEvent("even", 0, WALL, EVEN));
      Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.ORANGE, Color.MAGENTA};
      for (int step = 0; step < 5; step++) {
        rb.write(new ImageEvent("samples", step, WALL + step, png(8, 6, colours[step]), "image/png", 8, 6, 3));
      }
      rb.write(new ImageEvent("samples", 5, WALL + 5, jpeg(8, 6, Color.GRAY), "image/jpeg", 8, 6, 3));
      rb.write(new ImageEvent("samples", 6, WALL + 6, gif(8, 6, Color.CYAN), "image/gif", 8, 6, 3));
      rb.write(new ImageEvent("samples", 7, WALL + 7, webpHeader(), "image/webp", 8, 6, 3));
      rb.write(new ImageEvent("samples", 8, WALL + 8, HTML_AS_PNG, "image/png", 8, 6, 3));
      for (int step = 0; step < 3; step++) {
        rb.write(new TextEvent("notes", step, WALL + step, "# Step " + step + "\n\n*note* number **" + step + "**"));
      }
      rb.write(PrCurve.event("pr", 0, WALL, PR_LABELS, PR_PREDICTIONS, 3));
      rb.write(PrCurve.event("pr", 1, WALL + 1, PR_LABELS, new float[] {0.8f, 0.7f, 0.2f, 0.3f, 0.9f}, 3));
    }
    writeTfEvents(logdir.resolve("tf").resolve("events.out.tfevents.1764000000.host"),
        event(3, value("legacy").setHisto(LEGACY_HISTO)),
        event(4, value("tf2").setMetadata(plugin("histograms", new byte[0])).setTensor(doubles(TF2_HISTOGRAM))),
        event(1, value("tf2_image").setMetadata(plugin("images", new byte[0]))
            .setTensor(images(8, 6, png(8, 6, Color.YELLOW)))),
        event(2, value("table").setMetadata(plugin("text", new byte[0]))
            .setTensor(strings(new long[] {2, 2}, "name", "value", "lr", "0.1"))),
        event(5, value("pr_tf").setMetadata(plugin("pr_curves", PrCurve.pluginContent(2)))
            .setTensor(floats(new long[] {6, 2}, new float[] {4, 1, 3, 0, 0, 3, 0, 3, 4f / 7, 1, 1, 0.25f}))));
  }

  /** A step's kernel: values spread wider with each step. */
  public static Histogram kernel(int step) {
    float[] values = new float[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) ((i - 100) / 100.0 * (1 + step * 0.1));
    }
    return Histogram.of(values);
  }
}
