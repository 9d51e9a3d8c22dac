package dev.runboard.eventlog.tfevents;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.Histogram;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TextEvent;
import dev.runboard.eventlog.tfevents.proto.EventProtos.Event;
import dev.runboard.eventlog.tfevents.proto.EventProtos.SessionLog;
import dev.runboard.eventlog.tfevents.proto.GraphProtos.GraphDef;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.HistogramProto;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.Summary;
import dev.runboard.eventlog.tfevents.proto.SummaryProtos.SummaryMetadata;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.DataType;
import dev.runboard.eventlog.tfevents.proto.TensorProtos.TensorProto;
import java.io.IOException;
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
 *   <li>{@code simple_value} is a scalar, {@code histo} a histogram, {@code image} an image,
 *       {@code audio} a blob of the {@code audio} plugin;
 *   <li>a {@code tensor} is read according to its summary's plugin: {@code scalars} (TF2 scalars,
 *       a rank-0 tensor), {@code histograms}, {@code images}, {@code text}, {@code audio} (blobs);
 *       any other plugin's tensor (PR curves, meshes, custom plugins) becomes a generic {@link
 *       TensorEvent} carrying the plugin name and content, or, for a string tensor, one {@link
 *       BlobEvent} per element;
 *   <li>{@code hparams} plugin data (a value with metadata and often no value at all) becomes run
 *       metadata (session start), a session stop (session end) or a JSON blob (the experiment
 *       summary);
 *   <li>{@code graph_def} becomes a graph and {@code session_log} a session event.
 * </ul>
 *
 * <p>TensorFlow 2 writes a tag's metadata (and so its plugin) only with the tag's first value, so
 * the plugin of each tag is remembered for the later ones: one decoder per file. Tags that are not
 * valid UTF-8 are escaped ({@link Utf8Tags}), never merged.
 */
final class TfEventDecoder {
  private static final String SCALARS = "scalars";
  private static final String HISTOGRAMS = "histograms";
  private static final String IMAGES = "images";
  private static final String TEXT = "text";
  private static final String AUDIO = "audio";
  /** {@code AudioPluginData.Encoding.WAV}, field 2 of the audio plugin's content. */
  private static final int AUDIO_ENCODING_WAV = 11;

  private static final byte[] NO_CONTENT = new byte[0];

  /** A tag's plugin, as its first value's metadata said. */
  private record Plugin(String name, byte[] content) {}

  private static final Plugin NO_PLUGIN = new Plugin("", NO_CONTENT);

  private final Map<String, Plugin> pluginByTag = new HashMap<>();
  private final Plugin fallback;
  private final long maxBytes;

  /**
   * @param maxBytes the largest tensor a value may expand to (TensorFlow lets one typed value
   *     stand for a whole shape)
   * @param pluginHint the plugin of values whose tag carries no metadata and was not seen before
   *     (empty when unknown); for decoding a record on its own
   */
  TfEventDecoder(long maxBytes, String pluginHint) {
    this.maxBytes = maxBytes;
    this.fallback = pluginHint.isEmpty() ? NO_PLUGIN : new Plugin(pluginHint, NO_CONTENT);
  }

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
            problems.accept("value '" + tag(value) + "' skipped: " + e.getMessage());
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

  private static String tag(Summary.Value value) {
    return Utf8Tags.decode(value.getTag().isEmpty() ? value.getNodeName() : value.getTag());
  }

  private void decodeValue(Summary.Value value, double wallTime, long step, List<LogEvent> out)
      throws InvalidProtocolBufferException {
    String tag = tag(value);
    Plugin plugin = pluginOf(value, tag);
    if (HParamsPluginData.PLUGIN_NAME.equals(plugin.name())) {
      HParamsPluginData.decode(
              tag, value.getMetadata().getPluginData().getContent().toByteArray(), wallTime, step)
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
                tag, step, wallTime, encoded, MediaTypes.image(encoded), image.getWidth(),
                image.getHeight(), image.getColorspace()));
        break;
      case AUDIO:
        Summary.Audio audio = value.getAudio();
        byte[] clip = audio.getEncodedAudioString().toByteArray();
        String contentType = Utf8Tags.decode(audio.getContentType());
        out.add(
            new BlobEvent(
                tag, step, wallTime, AUDIO, plugin.content(), 0,
                contentType.isEmpty() ? MediaTypes.audio(clip) : contentType, clip));
        break;
      case TENSOR:
        decodeTensor(tag, plugin, value.getTensor(), wallTime, step, out);
        break;
      default:
        // No value (a summary carrying only metadata) or an obsolete kind: nothing to show.
        break;
    }
  }

  private Plugin pluginOf(Summary.Value value, String tag) {
    if (value.hasMetadata() && value.getMetadata().hasPluginData()) {
      SummaryMetadata.PluginData data = value.getMetadata().getPluginData();
      Plugin plugin = new Plugin(Utf8Tags.decode(data.getPluginName()), data.getContent().toByteArray());
      pluginByTag.put(tag, plugin);
      return plugin;
    }
    return pluginByTag.getOrDefault(tag, fallback);
  }

  private void decodeTensor(
      String tag, Plugin plugin, TensorProto tensor, double wallTime, long step, List<LogEvent> out) {
    switch (plugin.name()) {
      case SCALARS:
        out.add(new ScalarEvent(tag, step, wallTime, TensorValues.scalar(tensor, maxBytes)));
        break;
      case HISTOGRAMS:
        out.add(new HistogramEvent(tag, step, wallTime, TensorValues.histogram(tensor, maxBytes)));
        break;
      case TEXT:
        out.add(new TextEvent(tag, step, wallTime, markdown(tensor)));
        break;
      case IMAGES:
        images(tag, tensor, wallTime, step, out);
        break;
      case AUDIO:
        audio(tag, plugin, tensor, wallTime, step, out);
        break;
      default:
        if (tensor.getDtype() == DataType.DT_STRING) {
          List<ByteString> strings = TensorValues.strings(tensor);
          for (int i = 0; i < strings.size(); i++) {
            out.add(
                new BlobEvent(
                    tag, step, wallTime, plugin.name(), plugin.content(), i, MediaTypes.UNKNOWN,
                    strings.get(i).toByteArray()));
          }
        } else {
          out.add(
              new TensorEvent(
                  tag, step, wallTime, plugin.name(), plugin.content(),
                  TensorValues.tensorValue(tensor, maxBytes)));
        }
        break;
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
      out.add(new ImageEvent(sampleTag, step, wallTime, encoded, MediaTypes.image(encoded), width, height, 0));
    }
  }

  /**
   * TF2 audio summaries: a string tensor of {@code [k, 2]} (encoded clip, label) rows, or of
   * {@code [k]} clips from older writers; one blob per clip, numbered by {@code index}.
   */
  private static void audio(
      String tag, Plugin plugin, TensorProto tensor, double wallTime, long step, List<LogEvent> out) {
    List<ByteString> strings = TensorValues.strings(tensor);
    var shape = tensor.getTensorShape();
    int stride = shape.getDimCount() == 2 && shape.getDim(1).getSize() == 2 ? 2 : 1;
    boolean wav = audioEncoding(plugin.content()) == AUDIO_ENCODING_WAV;
    for (int i = 0; i * stride < strings.size(); i++) {
      byte[] clip = strings.get(i * stride).toByteArray();
      String mediaType = MediaTypes.audio(clip);
      if (mediaType.equals(MediaTypes.UNKNOWN) && wav) {
        mediaType = "audio/wav";
      }
      out.add(new BlobEvent(tag, step, wallTime, AUDIO, plugin.content(), i, mediaType, clip));
    }
  }

  /** Field 2 ({@code encoding}) of the audio plugin's {@code AudioPluginData}; 0 when absent. */
  private static int audioEncoding(byte[] content) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(content);
      int field;
      while ((field = in.readTag()) != 0) {
        if (field == ((2 << 3) | 0)) {
          return in.readEnum();
        }
        in.skipField(field);
      }
    } catch (IOException e) {
      // Not the proto we know: the clip's own bytes decide.
    }
    return 0;
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
      if (columns < 1) {
        throw new IllegalArgumentException("text table with " + columns + " columns");
      }
      StringBuilder table = new StringBuilder();
      for (int row = 0; row * columns < strings.size(); row++) {
        StringJoiner cells = new StringJoiner(" | ", "| ", " |\n");
        for (int c = 0; c < columns && row * columns + c < strings.size(); c++) {
          cells.add(strings.get(row * columns + c).toString(StandardCharsets.UTF_8));
        }
        table.append(cells);
        if (row == 0) {
          table.append("|").append(" --- |".repeat(Math.min(columns, strings.size()))).append('\n');
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
