package dev.runboard.plugin.text;

import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import dev.runboard.data.routes.SeriesParameters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code GET /api/v1/text?run=R&tag=T[&steps=K]}: {@code [{"step", "wall_time", "text"}, ...]},
 * the raw markdown of each step (TensorFlow's 2-D string tensors already as markdown tables),
 * read from the log files.
 */
public final class TextRoutes implements PluginRoutes {
  @Override
  public String pluginName() {
    return PluginNames.TEXT;
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route("text", "The text (raw markdown) of one run and tag, per step",
        SeriesParameters.parameters(), TextRoutes::text));
  }

  static RouteResponse text(RouteRequest request) {
    BlobSequence read = SeriesParameters.blobs(request, PluginNames.TEXT);
    List<Map<String, Object>> out = new ArrayList<>(read.data().size());
    for (BlobSequenceDatum d : read.data()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("step", d.step());
      o.put("wall_time", d.wallTime());
      o.put("text", markdownOf(request.data(), d));
      out.add(o);
    }
    return RouteResponse.json(out);
  }

  /**
   * The markdown of a step: its texts read from the log, joined by blank lines when several were
   * logged for the step; a text that can no longer be found is empty.
   */
  static String markdownOf(DataProvider data, BlobSequenceDatum entry) {
    StringJoiner texts = new StringJoiner("\n\n");
    entry.blobs().forEach(ref -> data.readBlob(ref.key())
        .ifPresent(blob -> texts.add(new String(blob.data(), StandardCharsets.UTF_8))));
    return texts.toString();
  }
}
