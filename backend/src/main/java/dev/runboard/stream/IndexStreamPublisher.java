package dev.runboard.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runboard.logdir.LogdirIndex;
import dev.runboard.plugin.RunDataListener;
import dev.runboard.plugin.RunInfo;
import dev.runboard.plugin.ScalarSeries;
import dev.runboard.plugin.Subscription;
import dev.runboard.scalars.ScalarsJson;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Turns the index's notifications into stream frames: {@code event: run} ({@code {"name"}}) for a
 * new run, {@code event: scalars} ({@link ScalarsJson}, new points only) for appended points. The
 * only part of the stream that knows the index.
 *
 * <p>A large append (a run that appeared with its history) is split into frames of at most {@link
 * #MAX_POINTS_PER_FRAME} points, so no single frame dwarfs a client's buffer.
 */
@Component
class IndexStreamPublisher implements RunDataListener, DisposableBean {
  static final int MAX_POINTS_PER_FRAME = 4096;

  private final StreamHub hub;
  private final ObjectWriter json;
  private final Subscription subscription;

  IndexStreamPublisher(LogdirIndex index, StreamHub hub, ObjectMapper json) {
    this.hub = hub;
    // One line per event, whatever spring.jackson.* says: SSE data must not break lines.
    this.json = json.writer().without(SerializationFeature.INDENT_OUTPUT);
    this.subscription = index.subscribe(this);
  }

  @Override
  public void runAdded(RunInfo run) {
    if (hub.isWatched()) {
      hub.publish("run", run.name(), null, bytes(Map.of("name", run.name())));
    }
  }

  @Override
  public void scalarsAppended(ScalarSeries appended) {
    if (!hub.isWatched()) {
      return;
    }
    int size = appended.size();
    for (int from = 0; from < size; from += MAX_POINTS_PER_FRAME) {
      int to = Math.min(size, from + MAX_POINTS_PER_FRAME);
      ScalarsJson points =
          from == 0 && to == size
              ? ScalarsJson.of(appended)
              : new ScalarsJson(
                  appended.run(),
                  appended.tag(),
                  Arrays.copyOfRange(appended.steps(), from, to),
                  Arrays.copyOfRange(appended.wallTimes(), from, to),
                  Arrays.copyOfRange(appended.values(), from, to));
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
  public void destroy() {
    subscription.close();
  }
}
