package dev.runboard.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runboard.trainer.data.Dataset;
import dev.runboard.trainer.data.SyntheticDataset;
import dev.runboard.trainer.data.TrainTestData;
import dev.runboard.trainer.layers.Dense;
import dev.runboard.trainer.layers.Flatten;
import dev.runboard.trainer.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialTest {
  @Test
  void summaryOfTheSeedCnnMatchesKeras() {
    // Keras prints exactly these shapes and counts for the CIFAR-10 CNN (122,570 parameters).
    String summary = SeedModels.seedCnn(32, 32, 3, 10).summary();
    assertThat(summary)
        .contains("Model: \"sequential\"")
        .containsPattern("conv2d \\(Conv2D\\)\\s+\\(None, 30, 30, 32\\)\\s+896")
        .containsPattern("max_pooling2d \\(MaxPooling2D\\)\\s+\\(None, 15, 15, 32\\)\\s+0")
        .containsPattern("conv2d_1 \\(Conv2D\\)\\s+\\(None, 13, 13, 64\\)\\s+18496")
        .containsPattern("max_pooling2d_1 \\(MaxPooling2D\\)\\s+\\(None, 6, 6, 64\\)\\s+0")
        .containsPattern("conv2d_2 \\(Conv2D\\)\\s+\\(None, 4, 4, 64\\)\\s+36928")
        .containsPattern("flatten \\(Flatten\\)\\s+\\(None, 1024\\)\\s+0")
        .containsPattern("dense \\(Dense\\)\\s+\\(None, 64\\)\\s+65600")
        .containsPattern("dropout \\(Dropout\\)\\s+\\(None, 64\\)\\s+0")
        .containsPattern("dense_1 \\(Dense\\)\\s+\\(None, 10\\)\\s+650")
        .contains("Total params: 122,570 (478.79 KB)")
        .contains("Trainable params: 122,570")
        .contains("Non-trainable params: 0");
    // Fashion-MNIST's 28x28x1 input: shapes inferred layer by layer.
    assertThat(SeedModels.seedCnn(28, 28, 1, 10).summary())
        .containsPattern("flatten \\(Flatten\\)\\s+\\(None, 576\\)")
        .contains("Total params: 93,322");
  }

  @Test
  void fitLearnsRecordsHistoryAndIsReproducible() throws Exception {
    TrainTestData data = SyntheticDataset.generate(8_000, 500, 5);
    Dataset train = data.train();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    Sequential a = mlp();
    History history =
        a.fit(train.x(28, 28, 1), train.y(),
            FitOptions.fit().epochs(2).batchSize(50).validationSplit(0.25).seed(3)
                .console(new PrintStream(console, true, StandardCharsets.UTF_8)));
    assertThat(history.epochs()).isEqualTo(2);
    assertThat(history.history().keySet()).containsExactly("loss", "accuracy", "val_loss", "val_accuracy");
    assertThat(history.get("loss").get(1)).isLessThan(history.get("loss").get(0));
    Map<String, Double> test = a.evaluate(data.test().x(28, 28, 1), data.test().y());
    assertThat(test.get("accuracy")).isGreaterThan(0.75);

    // 6000 training examples after the split: 120 steps of 50.
    assertThat(console.toString(StandardCharsets.UTF_8))
        .contains("Epoch 1/2", "Epoch 2/2")
        .containsPattern("120/120 \\[=+\\] - \\d+s \\d+ms/step - loss: \\d\\.\\d{4} - accuracy: \\d\\.\\d{4}"
            + " - val_loss: \\d\\.\\d{4} - val_accuracy: \\d\\.\\d{4}");

    Sequential b = mlp();
    b.fit(train.x(28, 28, 1), train.y(),
        FitOptions.fit().epochs(2).batchSize(50).validationSplit(0.25).seed(3).verbose(0));
    for (int i = 0; i < a.getWeights().size(); i++) {
      assertThat(b.getWeights().get(i)).as("weight %d", i).containsExactly(a.getWeights().get(i));
    }
  }

  @Test
  void predictReturnsProbabilities() {
    Sequential model = mlp();
    Tensor p = model.predict(Tensor.zeros(3, 28, 28, 1));
    assertThat(p.shape()).containsExactly(3, 10);
    for (int r = 0; r < 3; r++) {
      double sum = 0;
      for (int j = 0; j < 10; j++) {
        sum += p.data()[r * 10 + j];
      }
      assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void misuseIsReportedClearly() {
    Sequential model = new Sequential(new Flatten(), new Dense(3, "softmax"));
    assertThatThrownBy(model::summary).hasMessageContaining("not built");
    assertThatThrownBy(() -> model.fit(Tensor.zeros(2, 4), Tensor.zeros(2), FitOptions.fit()))
        .hasMessageContaining("compile");
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    assertThatThrownBy(() -> model.fit(Tensor.zeros(2, 4), Tensor.zeros(3), FitOptions.fit()))
        .hasMessageContaining("differ in example count");
    assertThatThrownBy(() -> model.compile("adamax", "mse")).hasMessageContaining("unknown optimizer 'adamax'");
    assertThatThrownBy(() -> new Dense(3, "gelu")).hasMessageContaining("unknown activation 'gelu'");
    assertThatThrownBy(() -> model.evaluate(Tensor.zeros(1, 4), Tensor.of(new float[] {7}, 1)))
        .hasMessageContaining("label 7.0");
  }

  /** Keras's progress bar for evaluate and predict; verbose 0 prints nothing. */
  @Test
  void evaluateAndPredictDrawKerasProgressBars() {
    Dataset data = SyntheticDataset.generate(100, 10, 2).train();
    Sequential model = mlp();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream console = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Map<String, Double> result = model.evaluate(data.x(28, 28, 1), data.y(), 32, console);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("[\r\n]+");
    assertThat(lines[lines.length - 1])
        .matches("4/4 \\[={30}\\] - \\d+s \\d+ms/step - loss: \\d+\\.\\d{4} - accuracy: [01]\\.\\d{4}")
        .contains(String.format(java.util.Locale.ROOT, "loss: %.4f", result.get("loss")));
    bytes.reset();
    model.predict(data.x(28, 28, 1), 10, console);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).matches("10/10 \\[={30}\\] - \\d+s \\d+ms/step\\R");
    bytes.reset();
    PrintStream original = System.out;
    System.setOut(console);
    try {
      model.evaluate(data.x(28, 28, 1), data.y(), 32, 0);
      model.predict(data.x(28, 28, 1), 32, 0);
    } finally {
      System.setOut(original);
    }
    assertThat(bytes.size()).isZero();
  }

  static Sequential mlp() {
    Sequential model =
        new Sequential(new Flatten().inputShape(28, 28, 1), new Dense(64, "relu"), new Dense(10, "softmax"));
    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
    return model;
  }

  static List<float[]> copy(List<float[]> weights) {
    return weights.stream().map(float[]::clone).toList();
  }

  @Test
  void validationDataAndUnshuffledFits() throws Exception {
    TrainTestData data = SyntheticDataset.generate(600, 200, 9);
    Sequential model = mlp();
    History history =
        model.fit(data.train().x(28, 28, 1), data.train().y(),
            FitOptions.fit().epochs(2).batchSize(100).shuffle(false).verbose(0)
                .validationData(data.test().x(28, 28, 1), data.test().y()));
    // The validation metrics are those of the given data after each epoch.
    Map<String, Double> evaluated = model.evaluate(data.test().x(28, 28, 1), data.test().y(), 100);
    assertThat(history.get("val_loss").get(1)).isCloseTo(evaluated.get("loss"), org.assertj.core.data.Offset.offset(1e-6));
    assertThat(history.get("val_accuracy").get(1)).isEqualTo(evaluated.get("accuracy"));

    // Without shuffling (and with dropout-free layers) two fits are identical whatever the seed.
    Sequential a = mlp();
    Sequential b = mlp();
    a.fit(data.train().x(28, 28, 1), data.train().y(), FitOptions.fit().shuffle(false).seed(1).verbose(0));
    b.fit(data.train().x(28, 28, 1), data.train().y(), FitOptions.fit().shuffle(false).seed(2).verbose(0));
    assertThat(a.getWeights().get(0)).containsExactly(b.getWeights().get(0));
  }
}
