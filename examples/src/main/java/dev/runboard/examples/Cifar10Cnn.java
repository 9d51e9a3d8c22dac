package dev.runboard.examples;

import static dev.runboard.trainer.model.FitOptions.fit;

import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.callbacks.EarlyStopping;
import dev.runboard.trainer.callbacks.ModelCheckpoint;
import dev.runboard.trainer.callbacks.RunboardLogger;
import dev.runboard.trainer.data.Cifar10;
import dev.runboard.trainer.data.FashionMnist;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.layers.Conv2D;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Dropout;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.layers.MaxPooling2D;
import dev.runboard.trainer.model.History;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.onnx.WeightFormat;
import dev.runboard.trainer.tensor.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The classic Keras CIFAR-10 CNN, line for line. With a directory argument it trains on your copy
 * of CIFAR-10 (the binary version, {@code cifar-10-batches-bin/}); without one on Debian's
 * Fashion-MNIST, whose 28x28x1 images the same layers take (the input shape comes from the data).
 *
 * <p>Writes {@code ./logs} (open it with {@code ./runboard serve --logdir examples/logs}), {@code
 * best_model.rbmodel}, {@code cifar10_model.rbmodel} and, the seed's TensorFlow Lite step in the
 * open format every runtime reads, {@code cifar10_model.onnx} and its int8-quantized {@code
 * cifar10_model_int8.onnx} into the working directory.
 */
public final class Cifar10Cnn {
  private Cifar10Cnn() {}

  public static void main(String[] args) throws Exception {
    TrainTestData data =
        args.length > 0 && !args[0].isBlank() ? Cifar10.load(Path.of(args[0])) : FashionMnist.load();
    run(data, Path.of("."), 20);
  }

  /** The example's body; {@code epochs} is 20 as in Keras, smaller in the example's test. */
  public static Sequential run(TrainTestData data, Path dir, int epochs) throws Exception {
    int[] shape = data.exampleShape(); // (32, 32, 3) for CIFAR-10
    Tensor xTrain = data.train().x(shape);
    Tensor yTrain = data.train().y();
    Tensor xTest = data.test().x(shape);
    Tensor yTest = data.test().y();

    Sequential model = new Sequential(
        new Conv2D(32, 3, 3, "relu").inputShape(shape), new MaxPooling2D(2, 2),
        new Conv2D(64, 3, 3, "relu"), new MaxPooling2D(2, 2),
        new Conv2D(64, 3, 3, "relu"), new Flatten(),
        new Dense(64, "relu"), new Dropout(0.5), new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    model.summary(System.out);

    List<Callback> callbacks = List.of(new EarlyStopping(3, true), new RunboardLogger(dir.resolve("logs")),
        new ModelCheckpoint(dir.resolve("best_model.rbmodel"), true));
    History history = model.fit(xTrain, yTrain,
        fit().epochs(epochs).batchSize(64).validationSplit(0.2).callbacks(callbacks));
    Map<String, Double> test = model.evaluate(xTest, yTest);
    System.out.printf("test_loss=%.4f test_acc=%.4f (after %d epochs)%n",
        test.get("loss"), test.get("accuracy"), history.epochs());

    model.save(dir.resolve("cifar10_model.rbmodel"));
    Sequential loaded = Sequential.load(dir.resolve("cifar10_model.rbmodel"));

    // Deployment: ONNX, as is and with int8 weights (about a quarter of the size).
    loaded.exportOnnx(dir.resolve("cifar10_model.onnx"));
    loaded.exportOnnx(dir.resolve("cifar10_model_int8.onnx"), WeightFormat.INT8);
    return loaded;
  }
}
