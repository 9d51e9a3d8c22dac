package dev.runboard.eventlog.tfevents;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.EventProtos.SessionLog;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.GraphDef;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.HistogramProto;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Decodes TensorBoard {@code Event} protos into {@link LogEvent}s, with TensorBoard's rules for
 * which value means what:
 *
 * <ul>
 *   <li>{@code simple_value} is a scalar, {@code histo} a histogram, {@code image} an image;
 *   <li>a {@code tensor} is read according to its summary's plugin: {@code scalars} (TF2 scalars,
 *       a rank-0 tensor), {@code histograms}, {@code images}, {@code text}; other plugins (PR
 *       curves, custom plugins) have no Runboard counterpart yet and are skipped;
 *   <li>{@code hparams} plugin data (a value with metadata and often no value at all) becomes run
 *       metadata (session start) or a session stop (session end);
 *   <li>{@code graph_def} becomes a graph and {@code session_log} a session event.
 * </ul>
 *
 * <p>TensorFlow 2 writes a tag's metadata (and so its plugin name) only with the tag's first
 * value, so the plugin of each tag is remembered for the later ones: one decoder per file.
 */
final class TfEventDecoder {
  private static final String SCALARS = "scalars";
  private static final String HISTOGRAMS = "histograms";
  private static final String IMAGES = "images";
  private static final String TEXT = "text";

  private final Map<String, String> pluginByTag = new HashMap<>();

  /**
   * Appends the events one serialized {@code Event} holds; a value that cannot be decoded is
   * described to {@code problems} and skipped, the other values of the event are kept.
   *
   * @throws InvalidProtocolBufferException when the bytes are not an {@code Event} at all
   */
  void decode(ByteBuffer payload, List<LogEvent> out, Consumer<String> problems)
      throws InvalidProtocolBufferException {
    Event event = Event.parseFrom(payload);
    double wallTime = event.getWallTime();
    long step = event.getStep();
    switch (event.getWhatCase()) {
      case SUMMARY:
        for (Summary.Value value : event.getSummary().getValueList()) {
          try {
            decodeValue(value, wallTime, step, out);
          } catch (InvalidProtocolBufferException | RuntimeException e) {
            problems.accept("value '" + value.getTag() + "' skipped: " + e.getMessage());
          }
        }
        break;
      case GRAPH_DEF:
        try {
          GraphDef graph = GraphDef.parseFrom(event.getGraphDef());
          out.add(new GraphEvent(wallTime, GraphDefs.toModelGraph(graph)));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
          problems.accept("graph_def skipped: " + e.getMessage());
        }
        break;
      case SESSION_LOG:
        sessionEvent(event.getSessionLog(), wallTime, step, out);
        break;
      default:
        // file_version, meta_graph_def, tagged_run_metadata, log_message: nothing to show.
        break;
    }
  }

  private void decodeValue(Summary.Value value, double wallTime, long step, List<LogEvent> out)
      throws InvalidProtocolBufferException {
    String tag = value.getTag().isEmpty() ? value.getNodeName() : value.getTag();
    String plugin = pluginOf(value, tag);
    if (HParamsPluginData.PLUGIN_NAME.equals(plugin)) {
      HParamsPluginData.decode(
              value.getMetadata().getPluginData().getContent().toByteArray(), wallTime, step)
          .ifPresent(out::add);
      return;
    }
    switch (value.getValueCase()) {
      case SIMPLE_VALUE:
        out.add(new ScalarEvent(tag, step, wallTime, value.getSimpleValue()));
        break;
      case HISTO:
        out.add(new HistogramEvent(tag, step, wallTime, histogram(value.getHisto())));
        break;
      case IMAGE:
        Summary.Image image = value.getImage();
        byte[] encoded = image.getEncodedImageString().toByteArray();
        out.add(
            new ImageEvent(
                tag, step, wallTime, encoded, ImageMediaTypes.of(encoded), image.getWidth(),
                image.getHeight(), image.getColorspace()));
        break;
      case TENSOR:
        decodeTensor(tag, plugin, value.getTensor(), wallTime, step, out);
        break;
      default:
        // No value (a summary carrying only metadata) or an obsolete kind: nothing to show.
        break;
    }
  }

  private String pluginOf(Summary.Value value, String tag) {
    if (value.hasMetadata() && value.getMetadata().hasPluginData()) {
      String plugin = value.getMetadata().getPluginData().getPluginName();
      pluginByTag.put(tag, plugin);
      return plugin;
    }
    return pluginByTag.getOrDefault(tag, "");
  }

  private static void decodeTensor(
      String tag, String plugin, TensorProto tensor, double wallTime, long step, List<LogEvent> out) {
    if (SCALARS.equals(plugin)) {
      out.add(new ScalarEvent(tag, step, wallTime, TensorValues.scalar(tensor)));
    } else if (HISTOGRAMS.equals(plugin)) {
      out.add(new HistogramEvent(tag, step, wallTime, TensorValues.histogram(tensor)));
    } else if (TEXT.equals(plugin)) {
      out.add(new TextEvent(tag, step, wallTime, markdown(tensor)));
    } else if (IMAGES.equals(plugin)) {
      images(tag, tensor, wallTime, step, out);
    }
  }

  /**
   * TF2 image summaries: a string tensor of width, height, then one encoded image per sample.
   * Several samples get TensorBoard's legacy tag suffix {@code /image/<i>}.
   */
  private static void images(String tag, TensorProto tensor, double wallTime, long step, List<LogEvent> out) {
    List<ByteString> strings = TensorValues.strings(tensor);
    if (strings.size() < 3) {
      return;
    }
    int width = parseDimension(strings.get(0));
    int height = parseDimension(strings.get(1));
    int samples = strings.size() - 2;
    for (int i = 0; i < samples; i++) {
      byte[] encoded = strings.get(i + 2).toByteArray();
      String sampleTag = samples == 1 ? tag : tag + "/image/" + i;
      out.add(new ImageEvent(sampleTag, step, wallTime, encoded, ImageMediaTypes.of(encoded), width, height, 0));
    }
  }

  private static int parseDimension(ByteString text) {
    try {
      return Integer.parseInt(text.toString(StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Text summaries: a single string is markdown as is; a vector becomes one paragraph per element
   * and a matrix a markdown table, as TensorBoard's text plugin shows them.
   */
  static String markdown(TensorProto tensor) {
    List<ByteString> strings = TensorValues.strings(tensor);
    int rank = tensor.getTensorShape().getDimCount();
    if (rank == 2 && !strings.isEmpty()) {
      int columns = (int) tensor.getTensorShape().getDim(1).getSize();
      StringBuilder table = new StringBuilder();
      for (int row = 0; row * columns < strings.size(); row++) {
        StringJoiner cells = new StringJoiner(" | ", "| ", " |\n");
        for (int c = 0; c < columns && row * columns + c < strings.size(); c++) {
          cells.add(strings.get(row * columns + c).toString(StandardCharsets.UTF_8));
        }
        table.append(cells);
        if (row == 0) {
          table.append("|").append(" --- |".repeat(columns)).append('\n');
        }
      }
      return table.toString();
    }
    StringJoiner paragraphs = new StringJoiner("\n\n");
    strings.forEach(s -> paragraphs.add(s.toString(StandardCharsets.UTF_8)));
    return paragraphs.toString();
  }

  private static Histogram histogram(HistogramProto h) {
    double[] limits = h.getBucketLimitList().stream().mapToDouble(Double::doubleValue).toArray();
    double[] counts = h.getBucketList().stream().mapToDouble(Double::doubleValue).toArray();
    return new Histogram(h.getMin(), h.getMax(), h.getNum(), h.getSum(), h.getSumSquares(), limits, counts);
  }

  private static void sessionEvent(SessionLog log, double wallTime, long step, List<LogEvent> out) {
    SessionEvent.Kind kind;
    switch (log.getStatus()) {
      case START:
        kind = SessionEvent.Kind.START;
        break;
      case STOP:
        kind = SessionEvent.Kind.STOP;
        break;
      case CHECKPOINT:
        kind = SessionEvent.Kind.CHECKPOINT;
        break;
      default:
        return;
    }
    String message = !log.getCheckpointPath().isEmpty() ? log.getCheckpointPath() : log.getMsg();
    out.add(new SessionEvent(wallTime, kind, step, message));
  }
}
