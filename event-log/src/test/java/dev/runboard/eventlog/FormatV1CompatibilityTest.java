package dev.runboard.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed run written by the format version 1 writer (src/test/resources/format-v1, see its
 * README) reads with today's reader, through both {@code poll()} and {@code poll(sink)}, with every
 * value the README lists.
 */
class FormatV1CompatibilityTest {
  @Test
  void everyFileOfTheVersion1RunReadsWithPollAndWithASink() throws Exception {
    List<Path> files = files();
    assertThat(files).extracting(f -> EventLogFiles.parse(f).orElseThrow().kind())
        .containsExactlyInAnyOrder(
            EventKind.GRAPH, EventKind.HISTOGRAM, EventKind.IMAGE, EventKind.RUN_METADATA,
            EventKind.SCALAR, EventKind.SESSION, EventKind.TEXT);
    for (Path file : files) {
      List<LogEvent> polled;
      try (EventLogTail tail = new EventLogTail(file)) {
        polled = tail.poll();
        assertThat(tail.ended()).as("%s ended", file).isTrue();
        assertThat(tail.formatVersion()).isEqualTo("1");
      }
      CollectingSink sink = new CollectingSink();
      try (EventFileTail tail = EventFiles.open(file)) {
        tail.poll(sink);
        assertThat(tail.drainProblems()).as("problems in %s", file).isEmpty();
        assertThat(tail.done()).isTrue();
        assertThat(tail.offset()).isEqualTo(Files.size(file));
      }
      assertThat(sink.all()).as("%s through a sink", file).containsExactlyElementsOf(polled);
      for (int i = 0; i < sink.events.size(); i++) {
        assertThat(EventFiles.readEvent(LogFileSource.local(file), sink.sources.get(i), null, ReadOptions.defaults()))
            .as("%s read again at %s", file, sink.sources.get(i))
            .isEqualTo(sink.events.get(i));
      }
    }
  }

  @Test
  void theValuesTheReadmeListsAreThere() throws Exception {
    List<LogEvent> events = new ArrayList<>();
    for (Path file : files()) {
      try (EventLogTail tail = new EventLogTail(file)) {
        events.addAll(tail.poll());
      }
    }
    List<ScalarEvent> expectedScalars = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      expectedScalars.add(new ScalarEvent("loss", i, 1700000000.5 + i, 1.0 / (i + 1)));
      expectedScalars.add(new ScalarEvent("accuracy", i, 1700000000.5 + i, i / 10.0));
    }
    assertThat(TestLogs.only(events, ScalarEvent.class)).containsExactlyElementsOf(expectedScalars);

    HistogramEvent histogram = TestLogs.only(events, HistogramEvent.class).get(0);
    assertThat(TestLogs.only(events, HistogramEvent.class)).hasSize(1);
    assertThat(histogram.tag()).isEqualTo("dense/kernel");
    assertThat(histogram.step()).isEqualTo(3);
    double counted = 0;
    for (double c : histogram.histogram().bucketCounts()) {
      counted += c;
    }
    assertThat(counted).isEqualTo(histogram.histogram().count());

    ImageEvent image = TestLogs.only(events, ImageEvent.class).get(0);
    assertThat(TestLogs.only(events, ImageEvent.class)).hasSize(1);
    assertThat(image.tag()).isEqualTo("samples");
    assertThat(image.step()).isEqualTo(4);
    assertThat(image.mediaType()).isEqualTo("image/png");
    assertThat(List.of(image.width(), image.height())).containsExactly(1, 1);
    assertThat(image.encoded()).startsWith(0x89, 'P', 'N', 'G');

    assertThat(TestLogs.only(events, TextEvent.class)).singleElement()
        .satisfies(t -> {
          assertThat(t.tag()).isEqualTo("notes");
          assertThat(t.step()).isEqualTo(5);
          assertThat(t.markdown()).isEqualTo("*hello* v1");
        });

    GraphEvent graph = TestLogs.only(events, GraphEvent.class).get(0);
    assertThat(graph.graph().nodes()).extracting(GraphNode::name).containsExactly("input", "dense");
    assertThat(graph.graph().nodes()).extracting(GraphNode::op).containsExactly("InputLayer", "Dense");
    assertThat(graph.graph().nodes().get(1).parameterCount()).isEqualTo(10);
    assertThat(graph.graph().nodes().get(1).inputs()).containsExactly("input");

    RunMetadataEvent metadata = TestLogs.only(events, RunMetadataEvent.class).get(0);
    assertThat(metadata.hparams()).isEqualTo(Map.of("lr", 0.001, "opt", "adam", "bn", true));
    assertThat(metadata.host()).isEqualTo("host1");

    assertThat(TestLogs.only(events, SessionEvent.class))
        .extracting(SessionEvent::kind)
        .containsExactly(SessionEvent.Kind.START, SessionEvent.Kind.CHECKPOINT, SessionEvent.Kind.STOP);
    assertThat(TestLogs.only(events, SessionEvent.class).get(1).step()).isEqualTo(9);
  }

  private static List<Path> files() throws IOException, URISyntaxException {
    Path run = Path.of(FormatV1CompatibilityTest.class.getResource("/format-v1/run").toURI());
    try (Stream<Path> listing = Files.list(run)) {
      return listing.filter(EventFiles::isEventFile).sorted().toList();
    }
  }
}
