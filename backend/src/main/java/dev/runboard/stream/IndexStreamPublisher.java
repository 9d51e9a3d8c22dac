package dev.runboard.stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.DataUpdate;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.Subscription;
import dev.runboard.data.UpdateFilter;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns the index's updates into stream frames: {@code event: run} / {@code run_removed} ({@code
 * {"name"}}) and {@code event: scalars} (the new points of a series, with the series' version
 * after them). The only part of the stream that knows the data layer. It subscribes when the
 * first client connects, so a server nobody streams from prepares no frames while it loads.
 *
 * <p>A large append (a run that appeared with its history) is split into frames of at most {@link
 * #MAX_POINTS_PER_FRAME} points, so no single frame dwarfs a client's buffer.
 */
@Component
class IndexStreamPublisher implements DisposableBean {
  static final int MAX_POINTS_PER_FRAME = 4096;

  private final DataProvider data;
  private final StreamHub hub;
  private final ObjectWriter json;
  private volatile Subscription subscription;
  private volatile boolean closed;

  /** The wire form of appended points: the new points, and the series' version after each frame. */
  record Points(
      String run,
      String tag,
      long[] step,
      @JsonProperty("wall_time") double[] wallTime,
      double[] value,
      long version) {}

  IndexStreamPublisher(DataProvider data, StreamHub hub, ObjectMapper json) {
    this.data = data;
    this.hub = hub;
    // One line per event, whatever spring.jackson.* says: SSE data must not break lines.
    this.json = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    hub.onFirstClient(this::subscribe);
  }

  private synchronized void subscribe() {
    if (subscription == null && !closed) {
      subscription = data.subscribe(
          new UpdateFilter(RunTagFilter.all(), Set.of(DataClass.SCALARS)), this::onUpdate);
    }
  }

  private void onUpdate(DataUpdate update) {
    if (update instanceof DataUpdate.RunAdded added) {
      hub.publish("run", added.run(), null, bytes(Map.of("name", added.run())));
    } else if (update instanceof DataUpdate.RunRemoved removed) {
      hub.publish("run_removed", removed.run(), null, bytes(Map.of("name", removed.run())));
    } else if (update instanceof DataUpdate.SeriesAdvanced s && PluginNames.SCALARS.equals(s.pluginName())) {
      ScalarSeries appended = s.appended();
      if (appended == null) {
        // Too many points to carry with the update: read them (once, for every client).
        List<ScalarSeries> read = data.readScalars(
            RunTagFilter.one(s.run(), s.tag()), ScalarQuery.since(s.previousVersion()));
        if (read.isEmpty()) {
          return;
        }
        appended = read.get(0);
      }
      publish(appended);
    }
  }

  private void publish(ScalarSeries appended) {
    int size = appended.size();
    long firstVersion = appended.version() - size;
    for (int from = 0; from < size; from += MAX_POINTS_PER_FRAME) {
      int to = Math.min(size, from + MAX_POINTS_PER_FRAME);
      Points points = new Points(
          appended.run(),
          appended.tag(),
          Arrays.copyOfRange(appended.steps(), from, to),
          Arrays.copyOfRange(appended.wallTimes(), from, to),
          Arrays.copyOfRange(appended.values(), from, to),
          appended.delta() ? firstVersion + to : appended.version());
      hub.publish("scalars", appended.run(), appended.tag(), bytes(points));
    }
  }

  private byte[] bytes(Object value) {
    try {
      return json.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void destroy() {
    closed = true;
    if (subscription != null) {
      subscription.close();
    }
  }
}
