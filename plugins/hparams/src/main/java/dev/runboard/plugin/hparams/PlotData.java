package dev.runboard.plugin.hparams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the hparams plots draw, as JSON: {@code {"axes":[{"key","label","kind":"hparam|metric",
 * "type","categories"?}],"rows":[{"id","values":[...]}],"color"}}. Axes are keyed {@code h:<name>}
 * and {@code m:<metric key>}; a diverged metric is the string {@code NaN}/{@code Infinity}.
 */
final class PlotData {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlotData() {}

  static String hparamAxis(String name) {
    return "h:" + name;
  }

  static String metricAxis(String key) {
    return "m:" + key;
  }

  static String json(List<HParamInfo> hparams, List<MetricInfo> metrics, List<Session> sessions, String colorMetric) {
    List<Map<String, Object>> axes = new ArrayList<>();
    for (HParamInfo h : hparams) {
      Map<String, Object> axis = new LinkedHashMap<>();
      axis.put("key", hparamAxis(h.name()));
      axis.put("label", h.name());
      axis.put("kind", "hparam");
      axis.put("type", h.type());
      if (!h.numeric()) {
        axis.put("categories", h.values().stream().map(String::valueOf).toList());
      }
      axes.add(axis);
    }
    for (MetricInfo m : metrics) {
      axes.add(Map.of("key", metricAxis(m.key()), "label", m.key(), "kind", "metric", "type", "float"));
    }
    List<Map<String, Object>> rows = new ArrayList<>(sessions.size());
    for (Session s : sessions) {
      List<Object> values = new ArrayList<>(axes.size());
      for (HParamInfo h : hparams) {
        values.add(s.hparams().get(h.name()));
      }
      for (MetricInfo m : metrics) {
        MetricValue v = s.metrics().get(m.key());
        values.add(v == null ? null : v.diverged() ? Double.toString(v.value()) : (Object) v.value());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", s.sessionRun());
      row.put("values", values);
      rows.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("axes", axes);
    out.put("rows", rows);
    out.put("color", colorMetric == null ? null : metricAxis(colorMetric));
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plot data always serialises", e);
    }
  }
}
