package dev.runboard.trainer.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.trainer.backend.Backends;
import dev.runboard.trainer.ops.GradientCheckerAccess;
import dev.runboard.trainer.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import dev.runboard.trainer.random.SplitMixRandom;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Each layer's gradients (input and every trainable weight) against finite differences: the
 * weights are perturbed in place, so the numerical reference runs the layer exactly as training
 * does.
 */
class LayerGradientTest {
  @Test
  void dense() {
    checkLayer(new Dense(4, "tanh"), 3, 5);
    checkLayer(new Dense(3, "softmax"), 2, 4);
    checkLayer(new Dense(3, "sigmoid"), 2, 4);
  }

  @Test
  void conv2d() {
    // tanh, not relu: perturbing a weight can push a pre-activation across relu's kink (relu is checked on its own).
    checkLayer(new Conv2D(3, 3, 3, "tanh"), 2, 5, 5, 2);
    checkLayer(new Conv2D(2, 3, 2, 2, 2, "same", Activation.TANH), 2, 5, 4, 2);
    checkLayer(new Conv2D(2, 2, 2, 1, 2, "valid", Activation.LINEAR), 1, 4, 5, 3);
  }

  @Test
  void poolingFlattenDropout() {
    checkLayer(new MaxPooling2D(2, 2), 2, 4, 4, 2);
    checkLayer(new MaxPooling2D(3, 3, 2, 2, "same"), 1, 5, 5, 2);
    checkLayer(new Flatten(), 2, 3, 3, 2);
    checkLayer(new Dropout(0.4), 3, 6);
  }

  @Test
  void batchNormalization() {
    checkLayer(new BatchNormalization(), 4, 3, 2, 2);
    checkLayer(new BatchNormalization(), 6, 4);
  }

  @Test
  void dropoutIsIdentityAtInference() {
    Dropout dropout = new Dropout(0.5);
    dropout.build(new int[] {4}, new SplittableRandom(1));
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4);
    assertThat(dropout.call(x, new CallContext(Backends.cpu(), false, null)).data()).containsExactly(1, 2, 3, 4);
    Tensor dropped = dropout.call(x, new CallContext(Backends.cpu(), true, new SplitMixRandom(3)));
    for (int i = 0; i < 4; i++) {
      assertThat(dropped.data()[i]).isIn(0f, x.data()[i] * 2);
    }
  }

  private static void checkLayer(Layer layer, int batch, int... exampleShape) {
    layer.setName("layer");
    layer.build(exampleShape, new SplittableRandom(5));
    int[] shape = new int[exampleShape.length + 1];
    shape[0] = batch;
    System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
    List<Tensor> inputs = new ArrayList<>();
    inputs.add(GradientCheckerAccess.variable(11, shape));
    for (Weight w : layer.weights()) {
      if (w.trainable()) {
        inputs.add(w.value());
      }
    }
    // The same dropout mask in every evaluation: a fresh generator with a fixed seed per call.
    GradientCheckerAccess.check(
        in -> layer.call(in[0], new CallContext(Backends.cpu(), true, new SplitMixRandom(9))),
        inputs.toArray(new Tensor[0]));
  }
}
