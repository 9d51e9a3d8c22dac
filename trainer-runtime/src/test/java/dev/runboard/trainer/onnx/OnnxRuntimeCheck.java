package dev.runboard.trainer.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The last step of the seed's workflow: runs an exported file in ONNX Runtime on the Fashion-MNIST
 * test set and prints its accuracy and, given the {@code .rbmodel} it came from, how far its
 * predictions are from the trainer's. ONNX Runtime is a test dependency (75 MB, not in
 * runboard.jar), so this runs from the test classpath:
 *
 * <pre>
 * ./mvnw -q -pl trainer-runtime -am test-compile -Ponnx-check -Donnx.check.args="model.onnx [model.rbmodel]"
 * </pre>
 *
 * Last line: {@code onnx_accuracy=<x>[ max_abs_diff=<x> argmax_agreement=<x>]}.
 */
public final class OnnxRuntimeCheck {
  /** What the check found. */
  record Report(double accuracy, double maxAbsDiff, double argmaxAgreement) {}

  private OnnxRuntimeCheck() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: OnnxRuntimeCheck MODEL.onnx [MODEL.rbmodel]");
      System.exit(2);
    }
    TrainTestData data = FashionMnist.load();
    check(Path.of(args[0]), args.length > 1 ? Path.of(args[1]) : null, data, System.out);
  }

  static Report check(Path onnx, Path rbmodel, TrainTestData data, PrintStream out) throws IOException, OrtException {
    Tensor x = data.test().x(data.exampleShape());
    float[] labels = data.test().y().data();
    float[] onnxOut = run(Files.readAllBytes(onnx), x);
    int classes = onnxOut.length / labels.length;
    double accuracy = accuracy(onnxOut, labels, classes);
    out.printf(Locale.ROOT, "ONNX Runtime %s on %s: test accuracy %.4f (%d images)%n",
        OrtEnvironment.getEnvironment().getVersion(), onnx, accuracy, labels.length);
    if (rbmodel == null) {
      out.printf(Locale.ROOT, "onnx_accuracy=%.4f%n", accuracy);
      return new Report(accuracy, Double.NaN, Double.NaN);
    }
    float[] ours = Sequential.load(rbmodel).predict(x, 256, 0).data();
    double maxAbsDiff = 0;
    int agree = 0;
    for (int i = 0; i < labels.length; i++) {
      for (int j = 0; j < classes; j++) {
        maxAbsDiff = Math.max(maxAbsDiff, Math.abs(ours[i * classes + j] - onnxOut[i * classes + j]));
      }
      agree += argmax(ours, i, classes) == argmax(onnxOut, i, classes) ? 1 : 0;
    }
    double agreement = (double) agree / labels.length;
    out.printf(Locale.ROOT, "against the trainer (%s): max abs difference %.2e, same class for %.2f %% of the images,"
        + " trainer accuracy %.4f%n", rbmodel, maxAbsDiff, 100 * agreement, accuracy(ours, labels, classes));
    out.printf(Locale.ROOT, "onnx_accuracy=%.4f max_abs_diff=%.3e argmax_agreement=%.4f%n", accuracy, maxAbsDiff, agreement);
    return new Report(accuracy, maxAbsDiff, agreement);
  }

  static float[] run(byte[] model, Tensor x) throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    long[] shape = new long[x.rank()];
    for (int d = 0; d < shape.length; d++) {
      shape[d] = x.dim(d);
    }
    try (OrtSession session = env.createSession(model, new OrtSession.SessionOptions());
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.data()), shape);
        OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, input))) {
      FloatBuffer out = ((OnnxTensor) result.get(OnnxExport.OUTPUT).orElseThrow()).getFloatBuffer();
      float[] values = new float[out.remaining()];
      out.get(values);
      return values;
    }
  }

  static int argmax(float[] probabilities, int row, int classes) {
    int best = 0;
    for (int j = 1; j < classes; j++) {
      if (probabilities[row * classes + j] > probabilities[row * classes + best]) {
        best = j;
      }
    }
    return best;
  }

  static double accuracy(float[] probabilities, float[] labels, int classes) {
    int right = 0;
    for (int i = 0; i < labels.length; i++) {
      right += argmax(probabilities, i, classes) == (int) labels[i] ? 1 : 0;
    }
    return (double) right / labels.length;
  }
}
