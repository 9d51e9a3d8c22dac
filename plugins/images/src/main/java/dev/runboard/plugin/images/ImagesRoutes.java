package dev.runboard.plugin.images;

import dev.runboard.data.Blob;
import dev.runboard.data.BlobRef;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.PluginNames;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteException;
import dev.runboard.data.routes.RouteParameter;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import dev.runboard.data.routes.SeriesParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/images?run=R&tag=T[&steps=K]}: {@code [{"step", "wall_time", "index",
 * "width", "height", "content_type", "url"}, ...]}, one entry per image (several per step when a
 * batch was logged), listed from the index without reading any image. {@code GET
 * /api/v1/images/blob?key=K} (the {@code url}): the image's bytes exactly as logged, read from the
 * log file, typed by their magic bytes.
 */
public final class ImagesRoutes implements PluginRoutes {
  /** Images never change under a key (a rebuilt series gets new keys): caches may keep them. */
  static final String CACHE_CONTROL = "private, max-age=31536000, immutable";
  private static final int MAX_KEY_LENGTH = 4096;

  @Override
  public String pluginName() {
    return PluginNames.IMAGES;
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("images", "The images of one run and tag, per step, with the URL of each image's bytes",
            SeriesParameters.parameters(), ImagesRoutes::images),
        new Route("images/blob",
            "An image's bytes exactly as logged; Content-Type from its magic bytes (PNG, JPEG, GIF, WebP), "
                + "anything else as an application/octet-stream attachment",
            List.of(RouteParameter.required("key", "string", "the image's key, from the url of /api/v1/images")),
            ImagesRoutes::blob));
  }

  /** The URL of an image's bytes. */
  static String url(String key) {
    return "/api/v1/images/blob?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8);
  }

  static RouteResponse images(RouteRequest request) {
    BlobSequence read = SeriesParameters.blobs(request, PluginNames.IMAGES);
    List<Map<String, Object>> images = new ArrayList<>();
    for (BlobSequenceDatum d : read.data()) {
      for (int i = 0; i < d.blobs().size(); i++) {
        BlobRef ref = d.blobs().get(i);
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("step", d.step());
        o.put("wall_time", d.wallTime());
        o.put("index", i);
        o.put("width", dimension(ref, "width"));
        o.put("height", dimension(ref, "height"));
        o.put("content_type", ref.mediaType());
        o.put("url", url(ref.key()));
        images.add(o);
      }
    }
    return RouteResponse.json(images);
  }

  /** A dimension the log gave, or null when it did not. */
  private static Integer dimension(BlobRef ref, String name) {
    try {
      String value = ref.attributes().get(name);
      return value == null ? null : Integer.valueOf(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static RouteResponse blob(RouteRequest request) {
    String key = request.require("key");
    if (key.length() > MAX_KEY_LENGTH || !key.matches("[A-Za-z0-9_-]+")) {
      throw RouteException.badRequest("key", "is not an image key");
    }
    Blob blob = request.data().readBlob(key)
        .orElseThrow(() -> RouteException.notFound("no image with this key (the run may have been read again: list its images anew)"));
    byte[] bytes = blob.data();
    Optional<String> type = ImageTypes.sniff(bytes);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Cache-Control", CACHE_CONTROL);
    // Were the URL opened on its own, nothing in it may run.
    headers.put("Content-Security-Policy", "default-src 'none'; sandbox");
    if (type.isEmpty()) {
      headers.put("Content-Disposition", "attachment; filename=\"image.bin\"");
    }
    return new RouteResponse.Bytes(type.orElse("application/octet-stream"), bytes, headers);
  }
}
