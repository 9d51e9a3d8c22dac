package dev.runboard.cli;

import dev.runboard.trainer.DemoSweep;
import dev.runboard.trainer.DemoTraining;
import dev.runboard.trainer.TrainingConfig;
import dev.runboard.trainer.TrainingResult;
import dev.runboard.trainer.data.TrainTestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import dev.runboard.logdir.LogdirSource;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model in this process and watch it live in the dashboard.",
      "Logs to a new run <logdir>/demo-<time>/{train,validation}; the dashboard keeps serving after"
          + " training ends.",
      "With --sweep: 8 short trainings over learning rate x batch size x dropout, one after the"
          + " other, each its own run <logdir>/sweep-<time>/lr<lr>-bs<batch>-do<dropout>, for the"
          + " HParams dashboard."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ServerOptions server;
  @Mixin TrainingOptions training;
  @Mixin DatasetOptions data;

  @Option(
      names = "--sweep",
      description = "Train a small grid (learning rate 0.001/0.003, batch size 32/128, dropout"
          + " 0.25/0.5) instead of one model: each a short run (default 3 epochs on 3000 examples).")
  boolean sweep;

  /** Set by the shutdown hook: failures after it are the shutdown's doing, not training's. */
  private volatile boolean shuttingDown;

  /**
   * The seed CNN on the first 15,000 Fashion-MNIST images for up to 10 epochs: an epoch every
   * half minute or so on two cores, so validation curves appear soon; batch curves move at once.
   */
  static final int DEMO_EPOCHS = 10;
  static final int DEMO_TRAIN_EXAMPLES = 15_000;
  static final int SWEEP_EPOCHS = 3;
  static final int SWEEP_TRAIN_EXAMPLES = 3_000;

  @Override
  public Integer call() throws IOException {
    TrainingConfig config =
        training.toConfig(
            spec,
            sweep
                ? TrainingConfig.defaults().withEpochs(SWEEP_EPOCHS).withTrainExamples(SWEEP_TRAIN_EXAMPLES)
                : TrainingConfig.defaults().withEpochs(DEMO_EPOCHS).withTrainExamples(DEMO_TRAIN_EXAMPLES));
    data.validate(spec);
    if (server.logdirSpec != null || LogdirSource.isS3(server.logdir)) {
      throw new ParameterException(spec.commandLine(),
          "demo trains into a local --logdir; serve an s3:// logdir or a --logdir_spec with 'serve'");
    }
    Path logdir = Path.of(server.logdir);
    Path runDirectory = logdir.resolve(RunNames.timestamped(sweep ? "sweep" : "demo"));
    Files.createDirectories(runDirectory);
    DashboardServer.announce(DashboardServer.start(server, spec), server, spec.commandLine().getOut());

    Thread trainer = new Thread(
        () -> {
          if (sweep) {
            sweep(runDirectory, config);
          } else {
            train(runDirectory, config);
          }
        },
        "runboard-demo-training");
    trainer.start();
    // On CTRL+C stop between batches so that the log writers flush and close.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shuttingDown = true;
                  trainer.interrupt();
                  try {
                    trainer.join(10_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "runboard-demo-shutdown"));
    return 0;
  }

  private void sweep(Path sweepDirectory, TrainingConfig config) {
    System.out.println("Sweeping into " + Path.of(server.logdir).relativize(sweepDirectory) + " ...");
    try {
      TrainTestData dataset = data.load(spec, config.seed(), System.out);
      List<DemoSweep.Result> results = DemoSweep.run(sweepDirectory, DemoSweep.DEMO_GRID, config, dataset, System.out);
      System.out.printf(Locale.ROOT, "Sweep finished: %d runs; compare them in the HParams tab. The dashboard keeps"
          + " serving; press CTRL+C to quit.%n", results.size());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (!shuttingDown) {
        System.err.println("runboard: demo sweep failed: " + e);
      }
    }
  }

  private void train(Path runDirectory, TrainingConfig config) {
    System.out.println("Training into run " + Path.of(server.logdir).relativize(runDirectory) + " ...");
    try {
      TrainTestData dataset = data.load(spec, config.seed(), System.out);
      TrainingResult result = DemoTraining.run(runDirectory, config, System.out, dataset);
      System.out.printf(
          Locale.ROOT,
          "Demo training finished: test_accuracy=%.4f test_loss=%.4f. The dashboard keeps serving;"
              + " press CTRL+C to quit.%n",
          result.testAccuracy(),
          result.testLoss());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      if (shuttingDown) {
        // The event log writers close themselves on shutdown, possibly before the training thread
        // has seen the interrupt; what was logged is in the files.
        System.out.println();
        System.out.println("Demo training stopped: shutting down; logs closed.");
        return;
      }
      System.err.println("runboard: demo training failed: " + e);
    }
  }
}
