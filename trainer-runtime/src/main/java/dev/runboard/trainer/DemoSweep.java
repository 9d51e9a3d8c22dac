package dev.runboard.trainer;

import dev.runboard.trainer.callbacks.Callback;
import dev.runboard.trainer.callbacks.RunboardLogger;
import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Dropout;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.losses.SparseCategoricalCrossentropy;
import dev.runboard.trainer.metrics.Accuracy;
import dev.runboard.trainer.model.FitOptions;
import dev.runboard.trainer.model.History;
import dev.runboard.trainer.model.SeedModels;
import dev.runboard.trainer.model.Sequential;
import dev.runboard.trainer.optimizers.Adam;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small hyperparameter sweep for the hparams dashboard: one short training per point of a grid
 * of learning rate, batch size and dropout, one after the other, each its own run {@code
 * <sweep>/lr<lr>-bs<batch>-do<dropout>/{train,validation}} logged by {@link RunboardLogger} (which
 * logs the hyperparameters, dropout included, when training starts).
 */
public final class DemoSweep {
  /** One training of the sweep. */
  public record Point(double learningRate, int batchSize, double dropout) {
    public String runName() {
      return String.format(Locale.ROOT, "lr%s-bs%d-do%s", number(learningRate), batchSize, number(dropout));
    }

    private static String number(double v) {
      return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
  }

  /** A point's run and the history its training returned. */
  public record Result(Point point, Path runDirectory, History history) {}

  /** The demo's grid: 2 learning rates x 2 batch sizes x 2 dropout rates. */
  public static final List<Point> DEMO_GRID = grid(new double[] {0.001, 0.003}, new int[] {32, 128}, new double[] {0.25, 0.5});

  private DemoSweep() {}

  public static List<Point> grid(double[] learningRates, int[] batchSizes, double[] dropouts) {
    List<Point> points = new ArrayList<>();
    for (double lr : learningRates) {
      for (int batch : batchSizes) {
        for (double dropout : dropouts) {
          points.add(new Point(lr, batch, dropout));
        }
      }
    }
    return List.copyOf(points);
  }

  /**
   * Trains every point on {@code data} with {@code base}'s model, epochs, seed, validation split
   * and training-set size, each into its own run under {@code sweepDirectory}.
   */
  public static List<Result> run(
      Path sweepDirectory, List<Point> points, TrainingConfig base, TrainTestData data, PrintStream console)
      throws InterruptedException {
    Dataset train = data.train();
    if (base.trainExamples() > 0 && base.trainExamples() < train.size()) {
      train = train.slice(0, base.trainExamples());
    }
    int[] shape = data.exampleShape();
    List<Result> results = new ArrayList<>();
    int i = 0;
    for (Point point : points) {
      i++;
      Path run = sweepDirectory.resolve(point.runName());
      console.printf(Locale.ROOT, "Sweep %d/%d: learning rate %s, batch size %d, dropout %s -> %s%n",
          i, points.size(), point.learningRate(), point.batchSize(), point.dropout(), run);
      Sequential model = model(base, data, point);
      List<Callback> callbacks = List.of(new RunboardLogger(
          run, Map.of("dropout", point.dropout(), "dataset", data.name(), "model", base.model())));
      History history = model.fit(train.x(shape), train.y(),
          FitOptions.fit()
              .epochs(base.epochs())
              .batchSize(point.batchSize())
              .validationSplit(base.validationSplit())
              .seed(base.seed())
              .verbose(0)
              .console(console)
              .callbacks(callbacks));
      results.add(new Result(point, run, history));
    }
    return results;
  }

  private static Sequential model(TrainingConfig base, TrainTestData data, Point point) {
    int[] shape = data.exampleShape();
    int classes = data.train().classCount();
    Sequential model = TrainingConfig.SEED_CNN.equals(base.model()) && shape.length == 3
        ? SeedModels.seedCnn(shape[0], shape[1], shape[2], classes, point.dropout())
        : new Sequential(new Flatten().inputShape(shape), new Dense(128, "relu"), new Dropout(point.dropout()),
            new Dense(classes, "softmax"));
    model.initializerSeed(base.seed());
    model.compile(new Adam(point.learningRate()), new SparseCategoricalCrossentropy(), new Accuracy());
    return model;
  }
}
