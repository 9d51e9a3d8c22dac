package dev.runboard.benchlibtorch;

import static org.bytedeco.pytorch.global.torch.dropout;
import static org.bytedeco.pytorch.global.torch.get_num_threads;
import static org.bytedeco.pytorch.global.torch.log_softmax;
import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.max_pool2d;
import static org.bytedeco.pytorch.global.torch.nll_loss;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.randint;
import static org.bytedeco.pytorch.global.torch.relu;
import static org.bytedeco.pytorch.global.torch.set_num_threads;
import static org.bytedeco.pytorch.global.torch.show_config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * The seed CNN (the Keras CIFAR-10 example's architecture) trained in libtorch, PyTorch's C++
 * core, through JavaCPP: the same shapes, batch, optimizer (Adam, 0.001), dropout and step counts
 * as Runboard's {@code TrainerBench}, on random data; NCHW, libtorch's layout. Started by {@code
 * runboard bench trainer --vs-libtorch} in a process of its own.
 *
 * <p>Arguments: {@code --input HxWxC --batch-size B --warmup-steps N --steps N --threads T} (T = 0:
 * libtorch's default). Prints libtorch's build configuration, then as its last line {@code
 * libtorch_images_per_s=<x>}.
 */
public final class LibtorchSeedCnnBench {
  /** What to run; see the class comment. */
  record Settings(int height, int width, int channels, int batchSize, int warmupSteps, int steps, int threads) {
    static Settings parse(String[] args) {
      int h = 28;
      int w = 28;
      int c = 1;
      int batch = 64;
      int warmup = 30;
      int steps = 100;
      int threads = 0;
      for (int i = 0; i < args.length; i += 2) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("option " + args[i] + " needs a value");
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--input" -> {
            String[] parts = value.split("x");
            if (parts.length != 3) {
              throw new IllegalArgumentException("--input must look like 28x28x1, was " + value);
            }
            h = Integer.parseInt(parts[0]);
            w = Integer.parseInt(parts[1]);
            c = Integer.parseInt(parts[2]);
          }
          case "--batch-size" -> batch = Integer.parseInt(value);
          case "--warmup-steps" -> warmup = Integer.parseInt(value);
          case "--steps" -> steps = Integer.parseInt(value);
          case "--threads" -> threads = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      if (batch < 1 || steps < 1 || warmup < 0 || threads < 0 || flatSize(h, w) < 1) {
        throw new IllegalArgumentException("sizes must be positive and the image at least 18x18");
      }
      return new Settings(h, w, c, batch, warmup, steps, threads);
    }

    /** Side after conv 3x3, pool 2, conv 3x3, pool 2, conv 3x3 (all "valid"). */
    static int side(int n) {
      return ((n - 2) / 2 - 2) / 2 - 2;
    }

    static int flatSize(int h, int w) {
      return Math.max(0, side(h)) * Math.max(0, side(w)) * 64;
    }
  }

  private LibtorchSeedCnnBench() {}

  public static void main(String[] args) {
    Settings s;
    try {
      s = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("libtorch bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (s.threads() > 0) {
      set_num_threads(s.threads());
    }
    System.out.println("libtorch configuration:");
    System.out.println(show_config().getString().strip());
    double imagesPerSecond = run(s);
    System.out.printf(
        Locale.ROOT, "libtorch seed CNN %dx%dx%d, batch %d, %d timed steps, %d threads: %.0f images/s%n",
        s.height(), s.width(), s.channels(), s.batchSize(), s.steps(), get_num_threads(), imagesPerSecond);
    System.out.printf(Locale.ROOT, "libtorch_images_per_s=%.1f%n", imagesPerSecond);
  }

  /** Trains {@code warmupSteps} untimed and {@code steps} timed steps; images per second. */
  static double run(Settings s) {
    manual_seed(1);
    Conv2dImpl conv1 = new Conv2dImpl(new Conv2dOptions(s.channels(), 32, new LongPointer(3L, 3L)));
    Conv2dImpl conv2 = new Conv2dImpl(new Conv2dOptions(32, 64, new LongPointer(3L, 3L)));
    Conv2dImpl conv3 = new Conv2dImpl(new Conv2dOptions(64, 64, new LongPointer(3L, 3L)));
    LinearImpl dense1 = new LinearImpl(Settings.flatSize(s.height(), s.width()), 64);
    LinearImpl dense2 = new LinearImpl(64, 10);
    TensorVector parameters = new TensorVector();
    for (Module m : new Module[] {conv1, conv2, conv3, dense1, dense2}) {
      TensorVector p = m.parameters();
      for (long i = 0; i < p.size(); i++) {
        parameters.push_back(p.get(i));
      }
    }
    Adam adam = new Adam(parameters, new AdamOptions(0.001));
    // A few distinct batches, reused in turn: data loading is not what is measured.
    List<Tensor[]> batches = new ArrayList<>();
    for (int i = 0; i < Math.min(10, Math.max(s.steps(), s.warmupSteps())); i++) {
      batches.add(new Tensor[] {
          rand(s.batchSize(), s.channels(), s.height(), s.width()), randint(0L, 10L, new long[] {s.batchSize()})});
    }
    for (int step = 0; step < s.warmupSteps(); step++) {
      step(conv1, conv2, conv3, dense1, dense2, adam, batches.get(step % batches.size()));
    }
    long start = System.nanoTime();
    float last = 0;
    for (int step = 0; step < s.steps(); step++) {
      last = step(conv1, conv2, conv3, dense1, dense2, adam, batches.get(step % batches.size()));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!Float.isFinite(last)) {
      throw new IllegalStateException("libtorch training diverged: loss " + last);
    }
    return (double) s.steps() * s.batchSize() / seconds;
  }

  /** One Adam step; the loss, read back (which also waits for the step to finish). */
  static float step(
      Conv2dImpl conv1, Conv2dImpl conv2, Conv2dImpl conv3, LinearImpl dense1, LinearImpl dense2, Adam adam,
      Tensor[] batch) {
    Tensor h = max_pool2d(relu(conv1.forward(batch[0])), 2, 2);
    h = max_pool2d(relu(conv2.forward(h)), 2, 2);
    h = relu(conv3.forward(h)).flatten(1, -1);
    h = dropout(relu(dense1.forward(h)), 0.5, true);
    Tensor loss = nll_loss(log_softmax(dense2.forward(h), 1), batch[1]);
    adam.zero_grad();
    loss.backward();
    adam.step();
    return loss.item_float();
  }
}
