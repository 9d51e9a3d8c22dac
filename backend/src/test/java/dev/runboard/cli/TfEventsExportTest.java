package dev.runboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runboard.logdir.TfEventsTestdata;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code runboard export --logdir <TensorBoard logdir>} over the shared real-world files. */
class TfEventsExportTest {
  @Test
  void exportPrintsEveryScalarPointOfTheTestdataWithRunTagStepAndValue() {
    String logdir = TfEventsTestdata.root().toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = RunboardCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    assertThat(cli.execute("export", "--logdir", logdir)).as(err.toString()).isZero();

    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("run,tag,step,wall_time,value");
    assertThat(lines).hasSize(1 + TfEventsTestdata.SCALAR_POINTS);
    // Each line checked by hand against the Python struct decoder's output.
    assertThat(lines)
        .contains(
            // TF2 rank-0 tensor (tensor_content 00 00 00 3f)
            "orktes__go-tensorboard/testdata/tfevents,my_metric,1,1585499054.133708,0.5",
            // tensorboardX, a run directory with spaces, a negative step
            "HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/sin,sin_and_cos,-359,1581503788.334107,0.017452405765652657",
            "HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial,cos,359,1581503788.784257,0.9998477101325989",
            // TF1
            "MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs,loss/loss,950,1494075550.604125,0.0036287165712565184",
            // PyTorch, hparams metrics in the timestamp-named sub-run
            "ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1/1771595857.3236299,hparam/Final_Val_Accuracy,0,1771595857.3268783,84.03559875488281",
            "janosh__tensorboard-reducer/tests/runs/lax/run_3,lax/bar_4,129,1622543341.88067,3.6224522590637207");
  }
}
