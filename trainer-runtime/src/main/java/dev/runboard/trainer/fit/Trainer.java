package dev.runboard.trainer.fit;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.nn.Adam;
import dev.runboard.trainer.nn.BatchMetrics;
import dev.runboard.trainer.nn.Mlp;
import dev.runboard.trainer.nn.SoftmaxCrossEntropy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Mini-batch training of an {@link Mlp} with softmax cross-entropy, like Keras's {@code fit}: the
 * training set is reshuffled every epoch, the last batch may be smaller, and the model is
 * evaluated on the validation set after each epoch.
 *
 * <p>Not thread-safe; meant to be driven by one thread. That thread's interruption is checked
 * between batches: training then stops with an {@link InterruptedException}, the model left as
 * the last complete step made it.
 */
public final class Trainer {
  private final Mlp model;
  private final Adam optimizer;
  private final SoftmaxCrossEntropy loss;
  private final int batchSize;
  private final SplittableRandom shuffles;
  private final float[] batchFeatures;
  private final int[] batchLabels;
  private int epochsDone;
  private long stepsDone;

  public Trainer(Mlp model, Adam optimizer, int batchSize, long seed) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    this.model = model;
    this.optimizer = optimizer;
    this.loss = new SoftmaxCrossEntropy(model.outputSize());
    this.batchSize = batchSize;
    this.shuffles = new SplittableRandom(seed);
    this.batchFeatures = new float[batchSize * model.inputSize()];
    this.batchLabels = new int[batchSize];
  }

  public Mlp model() {
    return model;
  }

  /** Batches needed to see {@code examples} once, the last one possibly partial. */
  public static int batchesPerEpoch(int examples, int batchSize) {
    return (examples + batchSize - 1) / batchSize;
  }

  /**
   * Trains for {@code epochs} more epochs; epoch and step numbers continue from earlier calls.
   *
   * @param validation evaluated after every epoch; null or empty for none
   * @return one summary per epoch run
   */
  public List<EpochSummary> fit(
      Dataset train, Dataset validation, int epochs, TrainingCallback callback)
      throws InterruptedException {
    checkShape(train, "training");
    if (train.size() == 0) {
      throw new IllegalArgumentException("the training set is empty");
    }
    boolean validate = validation != null && validation.size() > 0;
    if (validate) {
      checkShape(validation, "validation");
    }
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be at least 1, was " + epochs);
    }
    int steps = batchesPerEpoch(train.size(), batchSize);
    int lastEpoch = epochsDone + epochs;
    List<EpochSummary> history = new ArrayList<>(epochs);
    while (epochsDone < lastEpoch) {
      int epoch = epochsDone;
      long started = System.nanoTime();
      callback.onEpochBegin(epoch, lastEpoch, steps);
      int[] order = train.shuffledIndices(shuffles.nextLong());
      double lossSum = 0;
      long correct = 0;
      int seen = 0;
      for (int batch = 0; batch < steps; batch++) {
        checkInterrupted();
        int start = batch * batchSize;
        int size = Math.min(batchSize, train.size() - start);
        train.copyBatch(order, start, size, batchFeatures, batchLabels);
        BatchMetrics metrics = trainStep(size);
        lossSum += metrics.lossSum();
        correct += metrics.correct();
        seen += size;
        callback.onBatchEnd(epoch, batch, stepsDone, new Metrics(lossSum / seen, (double) correct / seen));
        stepsDone++;
      }
      Optional<Metrics> validationMetrics =
          validate ? Optional.of(evaluate(validation)) : Optional.empty();
      EpochSummary summary =
          new EpochSummary(
              epoch,
              new Metrics(lossSum / seen, (double) correct / seen),
              validationMetrics,
              optimizer.learningRate(),
              steps,
              Duration.ofNanos(System.nanoTime() - started));
      epochsDone++;
      history.add(summary);
      callback.onEpochEnd(summary);
    }
    return history;
  }

  /** Mean loss and accuracy of the current model over {@code data}, in batches. */
  public Metrics evaluate(Dataset data) throws InterruptedException {
    checkShape(data, "evaluation");
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot evaluate on an empty dataset");
    }
    double lossSum = 0;
    long correct = 0;
    for (int start = 0; start < data.size(); start += batchSize) {
      checkInterrupted();
      int size = Math.min(batchSize, data.size() - start);
      data.copyRange(start, size, batchFeatures, batchLabels);
      BatchMetrics metrics = loss.compute(model.forward(batchFeatures, size), batchLabels, size, false);
      lossSum += metrics.lossSum();
      correct += metrics.correct();
    }
    return new Metrics(lossSum / data.size(), (double) correct / data.size());
  }

  private BatchMetrics trainStep(int size) {
    float[] logits = model.forward(batchFeatures, size);
    BatchMetrics metrics = loss.compute(logits, batchLabels, size, true);
    model.backward(loss.logitGradient(), size);
    optimizer.step();
    return metrics;
  }

  private void checkShape(Dataset data, String role) {
    if (data.featureCount() != model.inputSize() || data.classCount() != model.outputSize()) {
      throw new IllegalArgumentException(
          "the " + role + " set has " + data.featureCount() + " features and " + data.classCount()
              + " classes but the model maps " + model.inputSize() + " inputs to "
              + model.outputSize() + " classes");
    }
  }

  private static void checkInterrupted() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("training interrupted");
    }
  }
}
