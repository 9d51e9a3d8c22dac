package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads Runboard logs with Apache Arrow's JavaScript implementation (npm {@code apache-arrow},
 * run by node) and checks it sees the same values as the Java reader. Needs node and npm; the
 * package is installed once into {@code target/arrow-js} from the npm registry.
 */
class EventLogCrossLanguageTest {
  private static final String ARROW_JS = "apache-arrow@21.2.0";
  private static Path modules;

  @TempDir Path dir;

  @BeforeAll
  static void installArrowJs() throws Exception {
    Path prefix = Path.of("target", "arrow-js").toAbsolutePath();
    modules = prefix.resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("apache-arrow"))) {
      Files.createDirectories(prefix);
      run(prefix, 300, "npm", "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
          "--no-save", ARROW_JS);
    }
    assertThat(modules.resolve("apache-arrow")).isDirectory();
  }

  @Test
  void scalarsReadByArrowJsMatchTheJavaReader() throws Exception {
    List<ScalarEvent> written = new ArrayList<>(TestLogs.sampleScalars(3_000));
    written.add(new ScalarEvent("λ/ünïcode tag", -5, 1.5, Double.NaN));
    written.add(new ScalarEvent("inf", Long.MAX_VALUE, 2.5, Double.NEGATIVE_INFINITY));
    written.add(new ScalarEvent("tiny", Long.MIN_VALUE, 1e-300, 4.9e-324));
    Path file = TestLogs.writeScalars(dir, written, 1_000); // several batches, dictionary deltas

    List<String> lines = readWithArrowJs(file);
    assertThat(lines.get(0)).isEqualTo("# scalar 2 " + written.size());
    List<LogEvent> javaRead = javaRead(file);
    assertThat(javaRead).containsExactlyElementsOf(written);
    List<ScalarEvent> jsRead = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      jsRead.add(
          new ScalarEvent(
              f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }
    assertThat(jsRead).containsExactlyElementsOf(javaRead.stream().map(ScalarEvent.class::cast).toList());
  }

  @Test
  void histogramsAndSessionsReadByArrowJsMatchTheJavaReader() throws Exception {
    List<HistogramEvent> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      float[] values = new float[100 + i];
      for (int j = 0; j < values.length; j++) {
        values[j] = (float) Math.sin(j * (i + 1));
      }
      written.add(new HistogramEvent("layer" + (i % 2) + "/weights", i, 100.0 + i, Histogram.of(values, 7)));
    }
    String session;
    try (EventLogWriter writer = EventLogWriter.open(dir)) {
      session = writer.session();
      written.forEach(writer::write);
    }
    Path histograms = TestLogs.files(dir, session, EventKind.HISTOGRAM).get(0);
    List<String> lines = readWithArrowJs(histograms);
    assertThat(lines.get(0)).isEqualTo("# histogram 2 5");
    List<LogEvent> javaRead = javaRead(histograms);
    assertThat(javaRead).containsExactlyElementsOf(written);
    for (int i = 0; i < written.size(); i++) {
      String[] f = lines.get(i + 1).split("\t", -1);
      Histogram h =
          new Histogram(
              Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
              Double.parseDouble(f[6]), Double.parseDouble(f[7]), doubles(f[8]), doubles(f[9]));
      assertThat(new HistogramEvent(f[0], Long.parseLong(f[1]), Double.parseDouble(f[2]), h))
          .isEqualTo(javaRead.get(i));
    }

    Path sessions = TestLogs.files(dir, session, EventKind.SESSION).get(0);
    List<String> sessionLines = readWithArrowJs(sessions);
    assertThat(sessionLines.get(0)).isEqualTo("# session 2 2");
    List<LogEvent> javaSessions = javaRead(sessions);
    for (int i = 0; i < 2; i++) {
      String[] f = sessionLines.get(i + 1).split("\t", -1);
      SessionEvent js =
          new SessionEvent(
              Double.parseDouble(f[0]), SessionEvent.Kind.valueOf(f[1]), Long.parseLong(f[2]), f[3]);
      assertThat(js).isEqualTo(javaSessions.get(i));
    }
  }

  @Test
  void imagesTextGraphsAndRunMetadataReadByArrowJsMatchTheJavaReader() throws Exception {
    ImageEvent image =
        new ImageEvent("samples/0", 3, 5.5, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF}, "image/png", 28, 28, 1);
    TextEvent text = new TextEvent("notes", 4, 6.5, "# Title\n*ünïcode* text");
    GraphEvent graph =
        new GraphEvent(
            7.5,
            new ModelGraph(
                List.of(
                    new GraphNode("input", "Input", List.of(), List.of(-1L, 784L), 0, Map.of()),
                    new GraphNode(
                        "dense", "Dense", List.of("input"), List.of(-1L, 10L), 7850,
                        Map.of("activation", "softmax", "units", "10")))));
    RunMetadataEvent metadata =
        new RunMetadataEvent(
            8.5, Map.of("lr", 0.001, "optimizer", "adam", "shuffle", true), 1.5, "host",
            "runboard train", "runboard", "0.1.0", Map.of("dataset", "fashion-mnist"));
    String session;
    try (EventLogWriter writer = EventLogWriter.open(dir)) {
      session = writer.session();
      writer.write(image);
      writer.write(text);
      writer.write(graph);
      writer.write(metadata);
    }

    List<String> images = readWithArrowJs(TestLogs.files(dir, session, EventKind.IMAGE).get(0));
    assertThat(images)
        .containsExactly("# image 2 1", "samples/0\t3\t5.5\timage/png\t28\t28\t1\t89504e4700ff");
    List<String> texts = readWithArrowJs(TestLogs.files(dir, session, EventKind.TEXT).get(0));
    // The markdown's newline splits the printed row in two.
    assertThat(texts).containsExactly("# text 2 1", "notes\t4\t6.5\t# Title", "*ünïcode* text");
    List<String> graphs = readWithArrowJs(TestLogs.files(dir, session, EventKind.GRAPH).get(0));
    assertThat(graphs)
        .containsExactly(
            "# graph 2 2",
            "0\t7.5\tinput\tInput\t\t-1,784\t0\t\t",
            "0\t7.5\tdense\tDense\tinput\t-1,10\t7850\tactivation,units\tsoftmax,10");
    List<String> metadataRows =
        readWithArrowJs(TestLogs.files(dir, session, EventKind.RUN_METADATA).get(0));
    assertThat(metadataRows)
        .containsExactly(
            "# run_metadata 2 1",
            "8.5\t1.5\thost\trunboard train\trunboard\t0.1.0\tlr,optimizer,shuffle"
                + "\tnull,adam,null\t0.001,null,null\tnull,null,true\tdataset\tfashion-mnist");

    List<LogEvent> javaRead = TestLogs.readRun(dir);
    assertThat(TestLogs.only(javaRead, ImageEvent.class)).containsExactly(image);
    assertThat(TestLogs.only(javaRead, TextEvent.class)).containsExactly(text);
    assertThat(TestLogs.only(javaRead, GraphEvent.class)).containsExactly(graph);
    assertThat(TestLogs.only(javaRead, RunMetadataEvent.class)).containsExactly(metadata);
  }

  @Test
  void tensorsAndBlobsReadByArrowJsMatchTheJavaReader() throws Exception {
    TensorEvent curve =
        new TensorEvent("pr/cat", 2, 3.5, "pr_curves", new byte[] {0x10, 0x02},
            TensorValue.ofFloats(new long[] {2, 2}, new float[] {1.5f, -2, Float.NaN, 0.25f}));
    TensorEvent doubles =
        new TensorEvent("mesh/vertices", 3, 4.5, "mesh", new byte[0],
            TensorValue.ofDoubles(new long[] {3}, new double[] {0.1, 1e300, Double.NEGATIVE_INFINITY}));
    TensorEvent longs =
        new TensorEvent("counts", 4, 5.5, "", new byte[0],
            new TensorValue("int64", new long[] {2}, new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, 7, 0, 0, 0, 0, 0, 0, 0}));
    BlobEvent clip =
        new BlobEvent("speech", 5, 6.5, "audio", new byte[] {0x10, 0x0b}, 2, "audio/wav",
            new byte[] {'R', 'I', 'F', 'F', 1, 2, (byte) 0xFE});
    String session;
    try (EventLogWriter writer = EventLogWriter.open(dir)) {
      session = writer.session();
      writer.write(curve);
      writer.write(doubles);
      writer.write(longs);
      writer.write(clip);
    }
    Path tensors = TestLogs.files(dir, session, EventKind.TENSOR).get(0);
    assertThat(readWithArrowJs(tensors))
        .containsExactly(
            "# tensor 2 3",
            "pr/cat\t2\t3.5\tpr_curves\t1002\tfloat32\t2,2\t0000c03f000000c00000c07f0000803e\t1.5,-2,NaN,0.25",
            "mesh/vertices\t3\t4.5\tmesh\t\tfloat64\t3\t9a9999999999b93f9c7500883ce4377e000000000000f0ff"
                + "\t0.1,1e+300,-Infinity",
            "counts\t4\t5.5\t\t\tint64\t2\tffffffffffffffff0700000000000000\t-1,7");
    assertThat(javaRead(tensors)).containsExactly(curve, doubles, longs);
    assertThat(((TensorEvent) javaRead(tensors).get(0)).tensor().toDoubles())
        .containsExactly(1.5, -2, Double.NaN, 0.25);

    Path blobs = TestLogs.files(dir, session, EventKind.BLOB).get(0);
    assertThat(readWithArrowJs(blobs))
        .containsExactly("# blob 2 1", "speech\t5\t6.5\taudio\t100b\t2\taudio/wav\t524946460102fe");
    assertThat(javaRead(blobs)).containsExactly(clip);
  }

  private static double[] doubles(String joined) {
    return joined.isEmpty()
        ? new double[0]
        : Arrays.stream(joined.split(",")).mapToDouble(Double::parseDouble).toArray();
  }

  private static List<LogEvent> javaRead(Path file) throws IOException {
    try (EventLogTail tail = new EventLogTail(file)) {
      List<LogEvent> events = tail.poll();
      assertThat(tail.ended()).isTrue();
      return events;
    }
  }

  private List<String> readWithArrowJs(Path file) throws Exception {
    Path script = dir.resolve("read-log.js");
    try (InputStream in = getClass().getResourceAsStream("/arrowjs/read-log.js")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    ProcessBuilder node = new ProcessBuilder("node", script.toString(), file.toString());
    node.environment().put("NODE_PATH", modules.toString());
    return run(node, 120);
  }

  private static void run(Path directory, int timeoutSeconds, String... command) throws Exception {
    run(new ProcessBuilder(command).directory(directory.toFile()), timeoutSeconds);
  }

  /** Runs a command to completion; returns its stdout lines, fails with its output otherwise. */
  private static List<String> run(ProcessBuilder command, int timeoutSeconds) throws Exception {
    Path stderr = Files.createTempFile("arrow-js", ".err");
    try {
      Process process = command.redirectError(stderr.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS))
          .as("%s finished in %d s", command.command(), timeoutSeconds)
          .isTrue();
      assertThat(process.exitValue())
          .as("%s failed: %s", command.command(), Files.readString(stderr))
          .isZero();
      return new String(out, StandardCharsets.UTF_8).lines().toList();
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
