package dev.runboard.logdir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared folder of real TensorBoard event files (system property {@code runboard.testdata},
 * set by the build to {@code ../shared/testdata/tfevents} next to the repository). Tests that need
 * it are skipped, not failed, where it is absent.
 */
public final class TfEventsTestdata {
  /**
   * Every run of the folder with each scalar tag and its number of points, as an independent
   * struct-only Python decoder counted them (simple_value and "scalars"-plugin tensors); runs
   * without scalars have no tag lines. my_first_experiment holds two files of 100 points per tag.
   */
  public static final String SCALARS_PER_RUN =
      """
      HyoungsungKim__Pytorch-tensorboard_tutorial/histogram/hist
      HyoungsungKim__Pytorch-tensorboard_tutorial/images/MNIST
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial
        cos 720
        sin 720
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/cos
        sin_and_cos 720
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/sin
        sin_and_cos 720
      MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs
        loss/loss 20
      ZeroToMax-ZYZ__study_tensorboard/runs/experiment_lr_0.001
        Train/Loss 50
      ZeroToMax-ZYZ__study_tensorboard/runs/experiment_lr_0.1
        Train/Loss 50
      ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment
      ZeroToMax-ZYZ__study_tensorboard/runs/histogram_experiment
      ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1
      ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1/1771595857.3236299
        hparam/Final_Val_Accuracy 1
        hparam/Final_Val_Loss 1
      ZeroToMax-ZYZ__study_tensorboard/runs/image_experiment
      ZeroToMax-ZYZ__study_tensorboard/runs/my_first_experiment
        Metrics/Accuracy 200
        Metrics/Loss 200
      ZeroToMax-ZYZ__study_tensorboard/runs/pr_curve_experiment
      janosh__tensorboard-reducer/tests/runs/lax/run_1
        lax/bar_1 110
        lax/bar_2 110
        lax/foo 110
      janosh__tensorboard-reducer/tests/runs/lax/run_2
        lax/bar_2 120
        lax/bar_3 120
        lax/foo 120
      janosh__tensorboard-reducer/tests/runs/lax/run_3
        lax/bar_3 130
        lax/bar_4 130
        lax/foo 130
      orktes__go-tensorboard/testdata/tfevents
        my_metric 100
      """;

  /** Sum of the counts above. */
  public static final int SCALAR_POINTS = 4582;

  private TfEventsTestdata() {}

  public static Path root() {
    String configured = System.getProperty("runboard.testdata", "");
    Path root = Path.of(configured.isEmpty() ? "../../shared/testdata/tfevents" : configured);
    if (!Files.isDirectory(root) && "true".equalsIgnoreCase(System.getenv("CI"))) {
      // Under CI the real-world files are part of the job: their absence is a failure.
      throw new IllegalStateException("CI=true but no tfevents test data at " + root.toAbsolutePath());
    }
    assumeTrue(Files.isDirectory(root), "no tfevents test data at " + root.toAbsolutePath());
    return root;
  }
}
