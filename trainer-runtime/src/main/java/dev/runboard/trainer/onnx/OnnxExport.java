package dev.runboard.trainer.onnx;

import dev.runboard.trainer.backend.ConvGeometry;
import dev.runboard.trainer.layers.Layer;
import dev.runboard.trainer.layers.Weight;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.onnx.proto.Onnx.AttributeProto;
import dev.runboard.trainer.onnx.proto.Onnx.GraphProto;
import dev.runboard.trainer.onnx.proto.Onnx.ModelProto;
import dev.runboard.trainer.onnx.proto.Onnx.NodeProto;
import dev.runboard.trainer.onnx.proto.Onnx.OperatorSetIdProto;
import dev.runboard.trainer.onnx.proto.Onnx.StringStringEntryProto;
import dev.runboard.trainer.onnx.proto.Onnx.TensorProto;
import dev.runboard.trainer.onnx.proto.Onnx.TensorShapeProto;
import dev.runboard.trainer.onnx.proto.Onnx.TypeProto;
import dev.runboard.trainer.onnx.proto.Onnx.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link Sequential} model as ONNX (opset 13), the format ONNX Runtime, TensorRT,
 * OpenVINO, Core ML converters and browsers run: what TensorFlow Lite is in the seed's workflow.
 *
 * <p>The graph takes the model's own input, {@code input} of shape {@code [batch, H, W, C]} (NHWC,
 * as the trainer feeds it), and gives its output as {@code output}. Inside, images are transposed
 * once to NCHW for ONNX's {@code Conv} and {@code MaxPool} and back before {@code Flatten}, so the
 * flattened order, and so every dense weight, is the trainer's. Layers map one to one: Conv2D to
 * {@code Conv} (+ activation), MaxPooling2D to {@code MaxPool}, Dense to {@code Gemm} (+
 * activation), BatchNormalization to {@code BatchNormalization}, Flatten to {@code Flatten};
 * Dropout is the identity at inference and is left out. With {@link WeightFormat#INT8} the
 * kernels are stored as int8 per output channel behind {@code DequantizeLinear}.
 */
public final class OnnxExport {
  /** ONNX operator set of the graph (ONNX 1.8, 2020; every current runtime reads it). */
  public static final int OPSET = 13;

  /** The IR version that goes with opset 13. */
  public static final long IR_VERSION = 7;

  public static final String INPUT = "input";
  public static final String OUTPUT = "output";

  private OnnxExport() {}

  /** Writes the model to {@code file}, replacing it atomically; returns the file's size. */
  public static int write(Sequential model, Path file, WeightFormat format) throws IOException {
    byte[] bytes = toBytes(model, format);
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    // Named rather than Files.createTempFile: that one is private to its owner (0600), and an
    // exported model is usually meant for other users and services.
    Path temp = parent.resolve(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
    try {
      Files.write(temp, bytes);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return bytes.length;
  }

  /**
   * The serialized ONNX model.
   *
   * @throws IllegalArgumentException for a model that is not built or has a layer ONNX export does
   *     not know
   */
  public static byte[] toBytes(Sequential model, WeightFormat format) {
    int[] inputShape = model.inputShape();
    if (inputShape == null) {
      throw new IllegalArgumentException("the model is not built: give it an input shape or fit it first");
    }
    GraphBuilder graph = new GraphBuilder(format);
    String current = INPUT;
    int[] shape = inputShape.clone(); // per example, NHWC for images
    boolean channelsFirst = false;
    for (Layer layer : model.layers()) {
      Map<String, String> config = layer.config();
      String name = layer.name();
      switch (layer.type()) {
        case "Conv2D" -> {
          current = graph.toChannelsFirst(current, channelsFirst);
          channelsFirst = true;
          int[] kernel = pair(config.get("kernel_size"));
          int[] strides = pair(config.get("strides"));
          ConvGeometry g = geometry(shape, kernel, strides, config.get("padding"));
          Weight w = layer.weights().get(0);
          int in = shape[2];
          int filters = Integer.parseInt(config.get("filters"));
          float[] oihw = toOihw(w.value().data(), kernel[0], kernel[1], in, filters);
          String weights = graph.kernel(name + "/kernel", oihw, 0, filters, filters, in, kernel[0], kernel[1]);
          String bias = graph.floats(name + "/bias", layer.weights().get(1).value().data(), filters);
          current = graph.node("Conv", name, List.of(current, weights, bias),
              ints("kernel_shape", kernel[0], kernel[1]), ints("strides", strides[0], strides[1]),
              ints("pads", pads(g, shape)));
          current = graph.activation(config.get("activation"), name, current, channelsFirst);
        }
        case "MaxPooling2D" -> {
          current = graph.toChannelsFirst(current, channelsFirst);
          channelsFirst = true;
          int[] pool = pair(config.get("pool_size"));
          int[] strides = pair(config.get("strides"));
          ConvGeometry g = geometry(shape, pool, strides, config.get("padding"));
          current = graph.node("MaxPool", name, List.of(current),
              ints("kernel_shape", pool[0], pool[1]), ints("strides", strides[0], strides[1]),
              ints("pads", pads(g, shape)));
        }
        case "Dense" -> {
          int units = Integer.parseInt(config.get("units"));
          int in = shape[0];
          String weights = graph.kernel(name + "/kernel", layer.weights().get(0).value().data(), 1, units, in, units);
          String bias = graph.floats(name + "/bias", layer.weights().get(1).value().data(), units);
          current = graph.node("Gemm", name, List.of(current, weights, bias));
          current = graph.activation(config.get("activation"), name, current, false);
        }
        case "BatchNormalization" -> {
          if (shape.length == 3) {
            current = graph.toChannelsFirst(current, channelsFirst);
            channelsFirst = true;
          } else if (shape.length != 1) {
            throw new IllegalArgumentException("cannot export BatchNormalization over rank-" + shape.length + " examples");
          }
          List<Weight> w = layer.weights();
          int c = shape[shape.length - 1];
          List<String> inputs = new ArrayList<>(List.of(current));
          for (Weight weight : w) { // gamma, beta, moving mean, moving variance: ONNX's order
            inputs.add(graph.floats(name + "/" + weight.name(), weight.value().data(), c));
          }
          current = graph.node("BatchNormalization", name, inputs,
              AttributeProto.newBuilder().setName("epsilon").setType(AttributeProto.AttributeType.FLOAT)
                  .setF((float) Double.parseDouble(config.get("epsilon"))).build());
        }
        case "Flatten" -> {
          current = graph.toChannelsLast(current, channelsFirst);
          channelsFirst = false;
          current = graph.node("Flatten", name, List.of(current), ints("axis", 1));
        }
        case "Dropout" -> { } // the identity at inference
        default -> throw new IllegalArgumentException(
            "cannot export layer " + name + " of type " + layer.type() + " to ONNX");
      }
      shape = layer.outputShape();
    }
    current = graph.toChannelsLast(current, channelsFirst);
    graph.nameOutput(current);

    GraphProto.Builder g = graph.graph.setName(model.name());
    g.addInput(valueInfo(INPUT, inputShape));
    g.addOutput(valueInfo(OUTPUT, model.layers().get(model.layers().size() - 1).outputShape()));
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
        .setProducerName("runboard")
        .setProducerVersion(version())
        .setDocString("Exported from Runboard's trainer; weights " + format.name().toLowerCase(java.util.Locale.ROOT))
        .addMetadataProps(StringStringEntryProto.newBuilder().setKey("runboard.weights").setValue(format.name()))
        .setGraph(g)
        .build()
        .toByteArray();
  }

  /**
   * The weights, in {@link Sequential#getWeights()} order, that the {@link WeightFormat#INT8} file
   * computes with: convolution and dense kernels quantized and restored as {@code DequantizeLinear}
   * does, everything else unchanged. Setting them on the model predicts what the int8 file does.
   */
  public static List<float[]> int8RoundTrip(Sequential model) {
    List<float[]> weights = new ArrayList<>();
    for (Layer layer : model.layers()) {
      for (Weight w : layer.weights()) {
        float[] values = w.value().data();
        boolean kernel = w.name().equals("kernel") && (layer.type().equals("Conv2D") || layer.type().equals("Dense"));
        if (kernel) {
          // Both layouts keep the output channel as the last axis: [kh, kw, in, out] and [in, out].
          int channels = w.value().dim(-1);
          weights.add(PerChannelInt8.of(values, channels, 1).dequantized(1));
        } else {
          weights.add(values.clone());
        }
      }
    }
    return weights;
  }

  private static ConvGeometry geometry(int[] shape, int[] window, int[] strides, String padding) {
    return ConvGeometry.of(
        1, shape[0], shape[1], shape[2], window[0], window[1], strides[0], strides[1], "same".equals(padding));
  }

  /** ONNX's pads: begin of each spatial axis, then end (Keras "same" puts the odd one at the end). */
  private static long[] pads(ConvGeometry g, int[] shape) {
    long padH = Math.max(0, (long) (g.outH() - 1) * g.strideH() + g.kh() - shape[0]);
    long padW = Math.max(0, (long) (g.outW() - 1) * g.strideW() + g.kw() - shape[1]);
    return new long[] {g.padTop(), g.padLeft(), padH - g.padTop(), padW - g.padLeft()};
  }

  /** Keras's kernel {@code [kh, kw, in, out]} as ONNX's {@code [out, in, kh, kw]}. */
  private static float[] toOihw(float[] hwio, int kh, int kw, int in, int out) {
    float[] oihw = new float[hwio.length];
    for (int y = 0; y < kh; y++) {
      for (int x = 0; x < kw; x++) {
        for (int i = 0; i < in; i++) {
          for (int o = 0; o < out; o++) {
            oihw[((o * in + i) * kh + y) * kw + x] = hwio[((y * kw + x) * in + i) * out + o];
          }
        }
      }
    }
    return oihw;
  }

  private static int[] pair(String text) {
    String[] parts = text.split("x");
    return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
  }

  static AttributeProto ints(String name, long... values) {
    AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
    if (values.length == 1 && name.equals("axis")) {
      return a.setType(AttributeProto.AttributeType.INT).setI(values[0]).build();
    }
    a.setType(AttributeProto.AttributeType.INTS);
    for (long v : values) {
      a.addInts(v);
    }
    return a.build();
  }

  private static ValueInfoProto valueInfo(String name, int[] exampleShape) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
    for (int d : exampleShape) {
      shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(
            TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)))
        .build();
  }

  private static String version() {
    String v = OnnxExport.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  /** Nodes and initializers, with generated names for intermediate tensors. */
  private static final class GraphBuilder {
    final GraphProto.Builder graph = GraphProto.newBuilder();
    private final WeightFormat format;
    private NodeProto.Builder last;
    private int transposes;

    GraphBuilder(WeightFormat format) {
      this.format = format;
    }

    String node(String op, String name, List<String> inputs, AttributeProto... attributes) {
      String output = name + "/" + op + ":0";
      NodeProto.Builder node = graph.addNodeBuilder()
          .setOpType(op).setName(name + "/" + op).addAllInput(inputs).addOutput(output);
      node.addAllAttribute(Arrays.asList(attributes));
      last = node;
      return output;
    }

    String activation(String kerasName, String layer, String x, boolean channelsFirst) {
      return switch (kerasName) {
        case "linear" -> x;
        case "relu" -> node("Relu", layer, List.of(x));
        case "sigmoid" -> node("Sigmoid", layer, List.of(x));
        case "tanh" -> node("Tanh", layer, List.of(x));
        // The trainer's softmax runs over the last axis: channels, axis 1 in NCHW.
        case "softmax" -> node("Softmax", layer, List.of(x), ints("axis", channelsFirst ? 1 : -1));
        default -> throw new IllegalArgumentException("cannot export activation " + kerasName);
      };
    }

    String toChannelsFirst(String x, boolean channelsFirst) {
      return channelsFirst ? x : node("Transpose", "nhwc_to_nchw_" + transposes++, List.of(x), ints("perm", 0, 3, 1, 2));
    }

    String toChannelsLast(String x, boolean channelsFirst) {
      return channelsFirst ? node("Transpose", "nchw_to_nhwc_" + transposes++, List.of(x), ints("perm", 0, 2, 3, 1)) : x;
    }

    /** Renames the last node's output to the graph output (an Identity when no node produced it). */
    void nameOutput(String current) {
      if (last != null && last.getOutput(0).equals(current)) {
        last.setOutput(0, OUTPUT);
      } else {
        node("Identity", "output", List.of(current));
        last.setOutput(0, OUTPUT);
      }
    }

    String floats(String name, float[] values, long... dims) {
      ByteBuffer raw = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      raw.asFloatBuffer().put(values);
      graph.addInitializer(tensor(name, TensorProto.DataType.FLOAT_VALUE, raw.array(), dims));
      return name;
    }

    /**
     * A convolution or dense kernel, float or (INT8) int8 behind DequantizeLinear; {@code
     * channelAxis} is the output channel's axis in {@code dims}.
     */
    String kernel(String name, float[] values, int channelAxis, int channels, long... dims) {
      if (format == WeightFormat.FLOAT32) {
        return floats(name, values, dims);
      }
      int inner = 1;
      for (int d = channelAxis + 1; d < dims.length; d++) {
        inner *= (int) dims[d];
      }
      PerChannelInt8 q = PerChannelInt8.of(values, channels, inner);
      graph.addInitializer(tensor(name + "/quantized", TensorProto.DataType.INT8_VALUE, q.values(), dims));
      String scale = floats(name + "/scale", q.scales(), channels);
      graph.addInitializer(tensor(name + "/zero_point", TensorProto.DataType.INT8_VALUE, new byte[channels], channels));
      String output = name;
      graph.addNodeBuilder()
          .setOpType("DequantizeLinear").setName(name + "/DequantizeLinear")
          .addInput(name + "/quantized").addInput(scale).addInput(name + "/zero_point").addOutput(output)
          .addAttribute(ints("axis", channelAxis));
      return output;
    }

    private static TensorProto tensor(String name, int dataType, byte[] raw, long... dims) {
      TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(dataType).setRawData(ByteString.copyFrom(raw));
      for (long d : dims) {
        t.addDims(d);
      }
      return t.build();
    }
  }
}
