package dev.runboard.eventlog.tfevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runboard.eventlog.BlobEvent;
import dev.runboard.eventlog.EventFiles;
import dev.runboard.eventlog.GraphEvent;
import dev.runboard.eventlog.GraphNode;
import dev.runboard.eventlog.HistogramEvent;
import dev.runboard.eventlog.ImageEvent;
import dev.runboard.eventlog.LogEvent;
import dev.runboard.eventlog.LogFileSource;
import dev.runboard.eventlog.ProblemLog;
import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.RunMetadataEvent;
import dev.runboard.eventlog.ScalarEvent;
import dev.runboard.eventlog.SessionEvent;
import dev.runboard.eventlog.TailedFile;
import dev.runboard.eventlog.TensorEvent;
import dev.runboard.eventlog.TextEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every file of the shared real-world test data (TF1, TF2, PyTorch, tensorboardX writers), decoded
 * and compared with what an independent decoder found in the bytes.
 *
 * <p>How the expected figures were obtained: a 60-line Python script using only {@code struct}
 * (TFRecord framing + protobuf wire format, no protobuf library) walked every record and counted
 * summary values per tag and value field (simple_value = field 2, image = 4, histo = 5, tensor = 8
 * with plugin_name from metadata field 9.1.1), and printed sample values; the record counts agree
 * with the folder's README. Values are floats widened to double, so they compare exactly.
 */
class TfEventsTestdataTest {
  /** Per file: records in it (README), then "kind tag count" per decoded event kind and tag. */
  private static final String EXPECTED =
      """
      HyoungsungKim__Pytorch-tensorboard_tutorial/histogram/hist/events.out.tfevents.1581507292.hskim-pc 11
        histogram hist-numpy 5
        histogram hist-torch 5
      HyoungsungKim__Pytorch-tensorboard_tutorial/images/MNIST/events.out.tfevents.1581505791.hskim-pc 9
        image MNIST_Tag_is_tensor__0__ 1
        image MNIST_Tag_is_tensor__1__ 1
        image MNIST_Tag_is_tensor__4__ 1
        image MNIST_Tag_is_tensor__5__ 1
        image MNIST_group 4
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/events.out.tfevents.1581503788.hskim-pc 1441
        scalar cos 720
        scalar sin 720
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/cos/events.out.tfevents.1581503788.hskim-pc 721
        scalar sin_and_cos 720
      HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/sin/events.out.tfevents.1581503788.hskim-pc 721
        scalar sin_and_cos 720
      MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs/events.out.tfevents.1494075549.Morvan 23
        graph - 1
        histogram layer1/biases/layer1/biases 20
        histogram layer1/layer1/outputs 20
        histogram layer1/weights/layer1/weights 20
        histogram layer2/biases/layer2/biases 20
        histogram layer2/layer2/outputs 20
        histogram layer2/weights/layer2/weights 20
        scalar loss/loss 20
      ZeroToMax-ZYZ__study_tensorboard/runs/experiment_lr_0.001/events.out.tfevents.1771594954.zyzkings.14144.2 51
        scalar Train/Loss 50
      ZeroToMax-ZYZ__study_tensorboard/runs/experiment_lr_0.1/events.out.tfevents.1771594954.zyzkings.14144.0 51
        scalar Train/Loss 50
      ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment/events.out.tfevents.1771596179.zyzkings.9384.0 3
        graph - 1
      ZeroToMax-ZYZ__study_tensorboard/runs/histogram_experiment/events.out.tfevents.1771596220.zyzkings.19040.0 11
        histogram MyLinearLayer/Weights_Distribution 10
      ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1/1771595857.3236299/events.out.tfevents.1771595857.zyzkings.1216.1 6
        blob _hparams_/experiment 1
        metadata - 1
        scalar hparam/Final_Val_Accuracy 1
        scalar hparam/Final_Val_Loss 1
        session STOP 1
      ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1/events.out.tfevents.1771595857.zyzkings.1216.0 1
      ZeroToMax-ZYZ__study_tensorboard/runs/image_experiment/events.out.tfevents.1771595107.zyzkings.11980.0 6
        image Debug_Images/Random_Noise 5
      ZeroToMax-ZYZ__study_tensorboard/runs/my_first_experiment/events.out.tfevents.1771594466.zyzkings.21024.0 201
        scalar Metrics/Accuracy 100
        scalar Metrics/Loss 100
      ZeroToMax-ZYZ__study_tensorboard/runs/my_first_experiment/events.out.tfevents.1771596596.zyzkings.7880.0 201
        scalar Metrics/Accuracy 100
        scalar Metrics/Loss 100
      ZeroToMax-ZYZ__study_tensorboard/runs/pr_curve_experiment/events.out.tfevents.1771596445.zyzkings.30376.0 6
        tensor Evaluations/PR_Curve 5
      janosh__tensorboard-reducer/tests/runs/lax/run_1/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.3 331
        scalar lax/bar_1 110
        scalar lax/bar_2 110
        scalar lax/foo 110
      janosh__tensorboard-reducer/tests/runs/lax/run_2/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.4 361
        scalar lax/bar_2 120
        scalar lax/bar_3 120
        scalar lax/foo 120
      janosh__tensorboard-reducer/tests/runs/lax/run_3/events.out.tfevents.1622543341.janoshs-mbp.lan.86862.5 391
        scalar lax/bar_3 130
        scalar lax/bar_4 130
        scalar lax/foo 130
      orktes__go-tensorboard/testdata/tfevents/events.out.tfevents.1585499054.Jaakkos-Mac-mini.local.11684.5.v2 101
        scalar my_metric 100
      """;

  @Test
  void everyFileDecodesToTheExpectedCountsPerKindAndTagWithoutProblems() throws IOException {
    Path root = TfEventsTestdata.root();
    Map<String, Integer> expectedRecords = new TreeMap<>();
    Map<String, List<String>> expectedCounts = new TreeMap<>();
    String current = null;
    for (String line : EXPECTED.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (!line.startsWith(" ")) {
        int space = line.lastIndexOf(' ');
        current = line.substring(0, space);
        expectedRecords.put(current, Integer.parseInt(line.substring(space + 1)));
        expectedCounts.put(current, new ArrayList<>());
      } else {
        expectedCounts.get(current).add(line.trim());
      }
    }

    Map<String, Integer> actualRecords = new TreeMap<>();
    Map<String, List<String>> actualCounts = new TreeMap<>();
    for (Path file : eventFiles(root)) {
      String name = root.relativize(file).toString().replace('\\', '/');
      actualRecords.put(name, countRecords(file));
      try (TfEventsTail tail = new TfEventsTail(file)) {
        List<LogEvent> events = tail.poll();
        assertThat(tail.drainProblems()).as("problems in %s", name).isEmpty();
        assertThat(tail.offset()).as("all of %s read", name).isEqualTo(Files.size(file));
        actualCounts.put(name, countsByKindAndTag(events));
      }
    }
    assertThat(actualRecords).isEqualTo(expectedRecords);
    assertThat(actualCounts).isEqualTo(expectedCounts);
  }

  @Test
  void tensorboardXScalarsKeepNegativeStepsAndFloatValues() throws IOException {
    // Python: sin at step -360 is the float 2.4492937051703357e-16 (wall 1581503788.3316252),
    // cos at step 359 is 0.9998477101325989 (record at byte 65978).
    List<ScalarEvent> scalars =
        scalars("HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/events.out.tfevents.1581503788.hskim-pc");
    assertThat(scalars.get(0)).isEqualTo(new ScalarEvent("sin", -360, 1581503788.3316252, 2.4492937051703357e-16));
    assertThat(scalars.get(1)).isEqualTo(new ScalarEvent("cos", -360, 1581503788.3316863, 1.0));
    assertThat(scalars.get(scalars.size() - 1))
        .isEqualTo(new ScalarEvent("cos", 359, 1581503788.784257, 0.9998477101325989));
    // Python: the "sin and cos/sin" run at step -359 holds 0.017452405765652657, at 359 its negation.
    List<ScalarEvent> sin =
        scalars("HyoungsungKim__Pytorch-tensorboard_tutorial/scalar/tutorial/sin and cos/sin/events.out.tfevents.1581503788.hskim-pc");
    assertThat(sin.get(1)).isEqualTo(new ScalarEvent("sin_and_cos", -359, 1581503788.334107, 0.017452405765652657));
    assertThat(sin.get(719).value()).isEqualTo(-0.017452405765652657);
    assertThat(sin).extracting(ScalarEvent::step).doesNotHaveDuplicates().startsWith(-360L, -359L).endsWith(359L);
  }

  @Test
  void tensorflow1FileDecodesScalarsHistogramsAndGraph() throws IOException {
    List<LogEvent> events = decode("MorvanZhou__tutorials/tensorflowTUT/tf15_tensorboard/logs/events.out.tfevents.1494075549.Morvan");
    // Python: loss/loss at steps 0, 50, 950.
    List<ScalarEvent> loss = ofType(events, ScalarEvent.class);
    assertThat(loss.get(0)).isEqualTo(new ScalarEvent("loss/loss", 0, 1494075549.974715, 0.2607767879962921));
    assertThat(loss.get(1)).isEqualTo(new ScalarEvent("loss/loss", 50, 1494075550.003315, 0.012227115221321583));
    assertThat(loss.get(19)).isEqualTo(new ScalarEvent("loss/loss", 950, 1494075550.604125, 0.0036287165712565184));

    // Python: layer1/layer1/outputs at step 0 has no min field (proto3 omits 0.0), max
    // 2.04160213470459, num 3000, sum 786.5598098002374, sum_squares 606.8946792646133, 80 buckets.
    HistogramEvent outputs =
        ofType(events, HistogramEvent.class).stream()
            .filter(h -> h.tag().equals("layer1/layer1/outputs"))
            .findFirst()
            .orElseThrow();
    assertThat(outputs.step()).isZero();
    assertThat(outputs.histogram().min()).isEqualTo(0.0);
    assertThat(outputs.histogram().max()).isEqualTo(2.04160213470459);
    assertThat(outputs.histogram().count()).isEqualTo(3000.0);
    assertThat(outputs.histogram().sum()).isEqualTo(786.5598098002374);
    assertThat(outputs.histogram().sumSquares()).isEqualTo(606.8946792646133);
    assertThat(outputs.histogram().bucketLimits()).hasSize(80);
    assertThat(outputs.histogram().bucketCounts()).hasSize(80);
    assertThat(sum(outputs.histogram().bucketCounts())).isEqualTo(3000.0);

    // Python: the GraphDef (wall 1494075549.791847) has 143 nodes; the first is the Placeholder
    // inputs/x_input; MergeSummary's inputs are the 7 summary ops; train/GradientDescent has 4
    // control inputs ("^...").
    GraphEvent graph = ofType(events, GraphEvent.class).get(0);
    assertThat(graph.wallTime()).isEqualTo(1494075549.791847);
    assertThat(graph.graph().nodes()).hasSize(143);
    assertThat(graph.graph().nodes().get(0).name()).isEqualTo("inputs/x_input");
    assertThat(graph.graph().nodes().get(0).op()).isEqualTo("Placeholder");
    GraphNode merge = node(graph, "Merge/MergeSummary");
    assertThat(merge.op()).isEqualTo("MergeSummary");
    assertThat(merge.inputs()).hasSize(7).contains("loss/loss", "layer1/weights/layer1/weights");
    assertThat(node(graph, "train/GradientDescent").inputs())
        .containsExactly(
            "train/GradientDescent/update_layer1/weights/W/ApplyGradientDescent",
            "train/GradientDescent/update_layer1/biases/b/ApplyGradientDescent",
            "train/GradientDescent/update_layer2/weights/W/ApplyGradientDescent",
            "train/GradientDescent/update_layer2/biases/b/ApplyGradientDescent");
  }

  @Test
  void tensorflow2ScalarsAreRankZeroTensorsOfTheScalarsPlugin() throws IOException {
    // Python: tensor_content of step 0 is 00 00 00 00 (0.0), step 1 00 00 00 3f (0.5),
    // step 37 is 18.5, step 99 is 49.5.
    List<ScalarEvent> scalars =
        scalars("orktes__go-tensorboard/testdata/tfevents/events.out.tfevents.1585499054.Jaakkos-Mac-mini.local.11684.5.v2");
    assertThat(scalars).hasSize(100);
    assertThat(scalars.get(0)).isEqualTo(new ScalarEvent("my_metric", 0, 1585499054.13341, 0.0));
    assertThat(scalars.get(1)).isEqualTo(new ScalarEvent("my_metric", 1, 1585499054.133708, 0.5));
    assertThat(scalars.get(37)).isEqualTo(new ScalarEvent("my_metric", 37, 1585499054.141923, 18.5));
    assertThat(scalars.get(99)).isEqualTo(new ScalarEvent("my_metric", 99, 1585499054.156347, 49.5));
  }

  @Test
  void pytorchFilesDecodeScalarsHistogramsImagesGraphAndHparams() throws IOException {
    // Python: Train/Loss step 0 = 5.0753326416015625, step 49 = 3.032895088195801.
    List<ScalarEvent> loss =
        scalars("ZeroToMax-ZYZ__study_tensorboard/runs/experiment_lr_0.001/events.out.tfevents.1771594954.zyzkings.14144.2");
    assertThat(loss.get(0)).isEqualTo(new ScalarEvent("Train/Loss", 0, 1771594954.6957862, 5.0753326416015625));
    assertThat(loss.get(49)).isEqualTo(new ScalarEvent("Train/Loss", 49, 1771594954.6978433, 3.032895088195801));

    // Python: step 0 histogram min -0.4827924966812134, max 0.43180420994758606, num 100,
    // sum 0.9857620149850845, sum_squares 4.498269244584625, 568 buckets.
    HistogramEvent weights =
        ofType(decode("ZeroToMax-ZYZ__study_tensorboard/runs/histogram_experiment/events.out.tfevents.1771596220.zyzkings.19040.0"),
                HistogramEvent.class)
            .get(0);
    assertThat(weights.histogram().min()).isEqualTo(-0.4827924966812134);
    assertThat(weights.histogram().max()).isEqualTo(0.43180420994758606);
    assertThat(weights.histogram().count()).isEqualTo(100.0);
    assertThat(weights.histogram().sum()).isEqualTo(0.9857620149850845);
    assertThat(weights.histogram().sumSquares()).isEqualTo(4.498269244584625);
    assertThat(weights.histogram().bucketLimits()).hasSize(568);
    assertThat(sum(weights.histogram().bucketCounts())).isEqualTo(100.0);

    // Python: 100x100, colorspace 3, 30168 bytes of PNG at steps 0..4.
    List<ImageEvent> images =
        ofType(decode("ZeroToMax-ZYZ__study_tensorboard/runs/image_experiment/events.out.tfevents.1771595107.zyzkings.11980.0"),
            ImageEvent.class);
    assertThat(images).extracting(ImageEvent::step).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(images.get(0).mediaType()).isEqualTo("image/png");
    assertThat(images.get(0).width()).isEqualTo(100);
    assertThat(images.get(0).height()).isEqualTo(100);
    assertThat(images.get(0).channels()).isEqualTo(3);
    assertThat(images.get(0).encoded()).hasSize(30168);

    // Python: 30 nodes; output/output.1 is an "IO Node" fed by SimpleCNN/Linear[classifier]/109,
    // an aten::linear of the input, weight and bias.
    GraphEvent graph =
        ofType(decode("ZeroToMax-ZYZ__study_tensorboard/runs/graph_experiment/events.out.tfevents.1771596179.zyzkings.9384.0"),
                GraphEvent.class)
            .get(0);
    assertThat(graph.graph().nodes()).hasSize(30);
    assertThat(node(graph, "output/output.1").op()).isEqualTo("IO Node");
    assertThat(node(graph, "output/output.1").inputs()).containsExactly("SimpleCNN/Linear[classifier]/109");
    assertThat(node(graph, "SimpleCNN/Linear[classifier]/109").op()).isEqualTo("aten::linear");
    assertThat(node(graph, "SimpleCNN/Linear[classifier]/109").inputs())
        .containsExactly("SimpleCNN/input", "SimpleCNN/Linear[classifier]/weight/weight", "SimpleCNN/Linear[classifier]/bias/bias");

    // Python: session_start_info hparams batch_size = 32.0 (double 0x4040000000000000),
    // lr = 0.1, optimizer = "SGD"; session_end_info status 1 (success); the metrics are
    // simple values 84.03559875488281 and 1.183273196220398, all at wall 1771595857.3268783.
    List<LogEvent> hparams =
        decode("ZeroToMax-ZYZ__study_tensorboard/runs/hparams_search_exp_1/1771595857.3236299/events.out.tfevents.1771595857.zyzkings.1216.1");
    RunMetadataEvent start = ofType(hparams, RunMetadataEvent.class).get(0);
    assertThat(start.hparams()).isEqualTo(Map.of("batch_size", 32.0, "lr", 0.1, "optimizer", "SGD"));
    assertThat(start.wallTime()).isEqualTo(1771595857.3268783);
    SessionEvent end = ofType(hparams, SessionEvent.class).get(0);
    // The experiment summary (search space and metrics) as the JSON blob readers get.
    BlobEvent experiment = ofType(hparams, BlobEvent.class).get(0);
    assertThat(experiment.pluginName()).isEqualTo("hparams");
    assertThat(experiment.mediaType()).isEqualTo("application/json");
    assertThat(new String(experiment.data(), java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"name\":")
        .contains("{\"name\":\"batch_size\",", "{\"name\":\"lr\",", "{\"name\":\"optimizer\",")
        .contains("\"tag\":\"hparam/Final_Val_Accuracy\"", "\"tag\":\"hparam/Final_Val_Loss\"")
        .endsWith("]}");
    assertThat(end.kind()).isEqualTo(SessionEvent.Kind.STOP);
    assertThat(end.message()).isEqualTo("success");
    assertThat(ofType(hparams, ScalarEvent.class))
        .containsExactly(
            new ScalarEvent("hparam/Final_Val_Accuracy", 0, 1771595857.3268783, 84.03559875488281),
            new ScalarEvent("hparam/Final_Val_Loss", 0, 1771595857.3268783, 1.183273196220398));
  }

  @Test
  void tensorboardXHistogramsAndImages() throws IOException {
    // Python: hist-numpy at step 0: min -3.245187752543251, max 3.108977049415355, num 1000,
    // 608 buckets; MNIST images are 28x28x3 PNGs, the first (tag MNIST_Tag_is_tensor__5__) 549 bytes.
    HistogramEvent first =
        ofType(decode("HyoungsungKim__Pytorch-tensorboard_tutorial/histogram/hist/events.out.tfevents.1581507292.hskim-pc"),
                HistogramEvent.class)
            .get(0);
    assertThat(first.tag()).isEqualTo("hist-numpy");
    assertThat(first.histogram().min()).isEqualTo(-3.245187752543251);
    assertThat(first.histogram().max()).isEqualTo(3.108977049415355);
    assertThat(first.histogram().bucketLimits()).hasSize(608);
    assertThat(sum(first.histogram().bucketCounts())).isCloseTo(1000.0, within(1e-9));
    ImageEvent mnist =
        ofType(decode("HyoungsungKim__Pytorch-tensorboard_tutorial/images/MNIST/events.out.tfevents.1581505791.hskim-pc"),
                ImageEvent.class)
            .get(0);
    assertThat(mnist.tag()).isEqualTo("MNIST_Tag_is_tensor__5__");
    assertThat(mnist.encoded()).hasSize(549);
    assertThat(mnist.mediaType()).isEqualTo("image/png");
    assertThat(List.of(mnist.width(), mnist.height(), mnist.channels())).containsExactly(28, 28, 3);
  }

  /**
   * PyTorch's {@code add_pr_curve}: a float tensor {@code [6, num_thresholds]} of the
   * {@code pr_curves} plugin (rows TP, FP, TN, FN, precision, recall), kept whole as a generic
   * tensor with the plugin's content. The rows must agree with each other as TensorBoard's
   * writer computed them: positives and negatives are the same at every threshold, precision is
   * TP / max(1e-7, TP + FP) and recall TP / max(1e-7, TP + FN).
   */
  @Test
  void prCurvesAreGenericTensorsOfThePrCurvesPlugin() throws IOException {
    List<TensorEvent> curves =
        ofType(decode("ZeroToMax-ZYZ__study_tensorboard/runs/pr_curve_experiment/events.out.tfevents.1771596445.zyzkings.30376.0"),
            TensorEvent.class);
    assertThat(curves).extracting(TensorEvent::step).containsExactly(0L, 1L, 2L, 3L, 4L);
    for (TensorEvent curve : curves) {
      assertThat(curve.pluginName()).isEqualTo("pr_curves");
      // PrCurvePluginData: num_thresholds (field 2) = 127, on every value (remembered per tag).
      assertThat(curve.pluginContent()).containsSequence(0x10, 127);
      assertThat(curve.tensor().dtype()).isEqualTo("float32");
      assertThat(curve.tensor().shape()).containsExactly(6L, 127L);
      double[] v = curve.tensor().toDoubles();
      int n = 127;
      for (int i = 0; i < n; i++) {
        double tp = v[i];
        double fp = v[n + i];
        double tn = v[2 * n + i];
        double fn = v[3 * n + i];
        assertThat(tp + fn).as("positives at threshold %d", i).isEqualTo(v[0] + v[3 * n]);
        assertThat(fp + tn).as("negatives at threshold %d", i).isEqualTo(v[n] + v[2 * n]);
        assertThat(v[4 * n + i]).as("precision %d", i).isCloseTo(tp / Math.max(1e-7, tp + fp), within(1e-6));
        assertThat(v[5 * n + i]).as("recall %d", i).isCloseTo(tp / Math.max(1e-7, tp + fn), within(1e-6));
      }
      assertThat(v[0] + v[3 * n] + v[n] + v[2 * n]).as("samples").isPositive();
    }
  }

  @Test
  void eventFilesRecognisesEveryTestdataFileAndOpensATfEventsTail() throws IOException {
    for (Path file : eventFiles(TfEventsTestdata.root())) {
      assertThat(EventFiles.isEventFile(file)).as(file.toString()).isTrue();
      try (var tail = EventFiles.open(file)) {
        assertThat(tail).isInstanceOf(TfEventsTail.class);
      }
    }
  }

  @Test
  void scalarFastPathAgreesWithTheFullDecoderOnEveryRecordItAccepts() throws IOException {
    int accepted = 0;
    int declined = 0;
    for (Path file : eventFiles(TfEventsTestdata.root())) {
      try (TailedFile tailed = new TailedFile(LogFileSource.local(file), ReadOptions.defaults())) {
        TfRecordReader reader = new TfRecordReader(tailed, new ProblemLog(file, Clock.systemUTC()));
        reader.begin();
        ScalarFastPath fast = new ScalarFastPath();
        TfEventDecoder full = new TfEventDecoder(ReadOptions.DEFAULT_MAX_RECORD_BYTES, "");
        java.nio.ByteBuffer payload;
        while ((payload = reader.next()) != null) {
          List<LogEvent> viaFast = new ArrayList<>();
          List<LogEvent> viaFull = new ArrayList<>();
          full.decode(payload.duplicate(), viaFull, problem -> {});
          if (fast.decode(payload, (tag, step, wallTime, value) -> viaFast.add(new ScalarEvent(tag, step, wallTime, value)))) {
            accepted++;
            assertThat(viaFast).as("%s at %d", file, reader.recordOffset()).isEqualTo(viaFull);
          } else {
            declined++;
            assertThat(viaFast).isEmpty();
          }
        }
      }
    }
    // Records holding only wall_time, step and a summary of (tag, simple_value) values, counted
    // with the Python struct decoder: 4 462 (the 4 582 scalars less 100 TF2 tensors and the 20
    // TF1 loss values, which share their records with histograms).
    assertThat(accepted).isEqualTo(4462);
    assertThat(declined).isPositive();
  }

  static List<Path> eventFiles(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).filter(TfEventsFiles::isTfEventsFile).sorted().toList();
    }
  }

  private static int countRecords(Path file) throws IOException {
    try (TailedFile tailed = new TailedFile(LogFileSource.local(file), ReadOptions.defaults())) {
      ProblemLog problems = new ProblemLog(file, Clock.systemUTC());
      TfRecordReader reader = new TfRecordReader(tailed, problems);
      reader.begin();
      int n = 0;
      while (reader.next() != null) {
        n++;
      }
      assertThat(problems.drain()).isEmpty();
      return n;
    }
  }

  private static List<String> countsByKindAndTag(List<LogEvent> events) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (LogEvent e : events) {
      counts.merge(kindAndTag(e), 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .map(c -> c.getKey() + " " + c.getValue())
        .sorted()
        .collect(Collectors.toList());
  }

  private static String kindAndTag(LogEvent e) {
    if (e instanceof ScalarEvent s) {
      return "scalar " + s.tag();
    } else if (e instanceof HistogramEvent h) {
      return "histogram " + h.tag();
    } else if (e instanceof ImageEvent i) {
      return "image " + i.tag();
    } else if (e instanceof TextEvent t) {
      return "text " + t.tag();
    } else if (e instanceof GraphEvent) {
      return "graph -";
    } else if (e instanceof RunMetadataEvent) {
      return "metadata -";
    } else if (e instanceof SessionEvent s) {
      return "session " + s.kind();
    } else if (e instanceof TensorEvent t) {
      return "tensor " + t.tag();
    } else if (e instanceof BlobEvent b) {
      return "blob " + b.tag();
    }
    throw new AssertionError(e);
  }

  static List<LogEvent> decode(String relative) throws IOException {
    Path file = TfEventsTestdata.root().resolve(relative);
    try (TfEventsTail tail = new TfEventsTail(file)) {
      List<LogEvent> events = tail.poll();
      assertThat(tail.drainProblems()).isEmpty();
      return events;
    }
  }

  private static List<ScalarEvent> scalars(String relative) throws IOException {
    return ofType(decode(relative), ScalarEvent.class);
  }

  static <T> List<T> ofType(List<LogEvent> events, Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static GraphNode node(GraphEvent graph, String name) {
    return graph.graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
