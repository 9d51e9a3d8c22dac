package dev.runboard.cli;

import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.onnx.OnnxExport;
import dev.runboard.trainer.onnx.WeightFormat;
import dev.runboard.trainer.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "export-model",
    mixinStandardHelpOptions = true,
    description = {
      "Convert a trained model (.rbmodel) to ONNX, optionally with int8 weights, for deployment with"
          + " ONNX Runtime and other runtimes (the seed's TensorFlow Lite step).",
      "Prints the file size next to the float32 export's and, unless --no-check, the test accuracy the"
          + " exported weights give (for --quantize int8 both float32's and int8's), computed by the"
          + " trainer with exactly the weights the file holds.",
      "Last line: onnx_bytes=<n> float_bytes=<n> size_ratio=<x>[ float_accuracy=<x> onnx_accuracy=<x>]"
    })
final class ExportModelCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--onnx", required = true, description = "Write ONNX (opset 13; the only format so far).")
  boolean onnx;

  @Option(
      names = "--quantize",
      paramLabel = "int8",
      description = "int8: post-training quantization of the convolution and dense weights, per output"
          + " channel (DequantizeLinear), about a quarter of the size.")
  String quantize;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Test set for the accuracy check: fashion-mnist, cifar10 or synthetic (default: the"
          + " one the model was trained on, as train saved it; else fashion-mnist).")
  String dataset;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the dataset's files are.")
  Path dataDirectory;

  @Option(names = "--no-check", description = "Skip the accuracy check.")
  boolean noCheck;

  @Parameters(index = "0", paramLabel = "MODEL", description = "The .rbmodel file (train's model.rbmodel or best_model.rbmodel).")
  Path modelFile;

  @Parameters(index = "1", paramLabel = "OUT", description = "The .onnx file to write (replaced if it exists).")
  Path outFile;

  @Override
  public Integer call() throws Exception {
    WeightFormat format = format();
    if (!Files.isRegularFile(modelFile)) {
      throw new ParameterException(spec.commandLine(), "MODEL " + modelFile + " is not a file");
    }
    if (dataset != null && !DemoTraining.DATASETS.contains(dataset)) {
      throw new ParameterException(spec.commandLine(), "--dataset must be one of " + DemoTraining.DATASETS + ", was " + dataset);
    }
    PrintStream out = System.out;
    Sequential model;
    int size;
    int floatSize;
    try {
      model = Sequential.load(modelFile);
      size = OnnxExport.write(model, outFile, format);
      floatSize = format == WeightFormat.FLOAT32 ? size : OnnxExport.toBytes(model, WeightFormat.FLOAT32).length;
    } catch (IOException | IllegalArgumentException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      return 1;
    }
    double ratio = (double) size / floatSize;
    out.printf(
        Locale.ROOT, "Wrote %s: %,d bytes, ONNX opset %d, %s weights (float32 export: %,d bytes; %.1f %%)%n",
        outFile, size, OnnxExport.OPSET, format.name().toLowerCase(Locale.ROOT), floatSize, 100 * ratio);
    String last = String.format(Locale.ROOT, "onnx_bytes=%d float_bytes=%d size_ratio=%.3f", size, floatSize, ratio);
    if (!noCheck) {
      TrainTestData data = testData(model, out);
      if (data != null) {
        int[] shape = data.exampleShape();
        Tensor x = data.test().x(shape);
        float[] labels = data.test().y().data();
        double floatAccuracy = accuracy(model, x, labels);
        double accuracy = floatAccuracy;
        if (format == WeightFormat.INT8) {
          List<float[]> original = model.getWeights();
          model.setWeights(OnnxExport.int8RoundTrip(model));
          accuracy = accuracy(model, x, labels);
          model.setWeights(original);
        }
        if (format == WeightFormat.FLOAT32) {
          out.printf(Locale.ROOT, "Test accuracy on %s (%d images): %.4f%n", data.name(), labels.length, accuracy);
        } else {
          out.printf(
              Locale.ROOT, "Test accuracy on %s (%d images): float32 %.4f, %s %.4f (%+.2f points)%n",
              data.name(), labels.length, floatAccuracy, format.name().toLowerCase(Locale.ROOT), accuracy,
              100 * (accuracy - floatAccuracy));
        }
        last += String.format(Locale.ROOT, " float_accuracy=%.4f onnx_accuracy=%.4f", floatAccuracy, accuracy);
      }
    }
    out.println(last);
    return 0;
  }

  private WeightFormat format() {
    if (quantize == null) {
      return WeightFormat.FLOAT32;
    }
    if (quantize.equalsIgnoreCase("int8")) {
      return WeightFormat.INT8;
    }
    throw new ParameterException(spec.commandLine(), "--quantize must be int8, was " + quantize);
  }

  /** The test set to check on, or null (said why) when there is none that fits the model. */
  private TrainTestData testData(Sequential model, PrintStream out) throws IOException {
    String name = dataset != null ? dataset
        : model.metadata().getOrDefault(TrainCommand.DATASET_NOTE, DemoTraining.FASHION_MNIST);
    Path directory = dataDirectory;
    if (directory == null && dataset == null && model.metadata().containsKey(TrainCommand.DATA_DIR_NOTE)) {
      directory = Path.of(model.metadata().get(TrainCommand.DATA_DIR_NOTE));
    }
    if (DemoTraining.FASHION_MNIST.equals(name) && !FashionMnist.isInstalled(directory != null ? directory : FashionMnist.DEFAULT_DIRECTORY)) {
      out.println("Accuracy not checked: Fashion-MNIST is not installed (--data-dir, or Debian's dataset-fashion-mnist)");
      return null;
    }
    if (DemoTraining.CIFAR10.equals(name) && directory == null) {
      out.println("Accuracy not checked: CIFAR-10 needs --data-dir");
      return null;
    }
    long seed = TrainingConfig.fromMetadata(model.metadata(), TrainingConfig.defaults()).seed();
    TrainTestData data = DemoTraining.loadData(name, directory, seed, out);
    if (!Arrays.equals(data.exampleShape(), model.inputShape())) {
      out.printf(
          "Accuracy not checked: %s images are %s, the model takes %s%n",
          data.name(), Arrays.toString(data.exampleShape()), Arrays.toString(model.inputShape()));
      return null;
    }
    return data;
  }

  private static double accuracy(Sequential model, Tensor x, float[] labels) {
    float[] p = model.predict(x, 256, 0).data();
    int classes = p.length / labels.length;
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      int best = 0;
      for (int j = 1; j < classes; j++) {
        if (p[i * classes + j] > p[i * classes + best]) {
          best = j;
        }
      }
      right += best == (int) labels[i] ? 1 : 0;
    }
    return (double) right / labels.length;
  }
}
