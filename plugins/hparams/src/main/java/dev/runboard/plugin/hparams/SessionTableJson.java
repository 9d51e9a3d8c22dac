package dev.runboard.plugin.hparams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session table as the API and the views send it: {@code {"hparams":[{"name","type",
 * "domain":{...},"differs"}],"metrics":[{"tag","run_suffix"?,"key"}],"sessions":[{"run",
 * "session_run","runs","hparams","metrics":{"<key>":{"value","step","wall_time"}},"status",
 * "start_time","end_time"}],"metric_agg"}}. A diverged metric's value is the string {@code NaN},
 * {@code Infinity} or {@code -Infinity} with {@code "diverged": true}; unknown times are null.
 */
public final class SessionTableJson {
  private SessionTableJson() {}

  public static Map<String, Object> of(SessionTable table) {
    List<Map<String, Object>> hparams = new ArrayList<>();
    for (HParamInfo h : table.hparams()) {
      Map<String, Object> domain = new LinkedHashMap<>();
      if (h.numeric()) {
        domain.put("min", number(h.min()));
        domain.put("max", number(h.max()));
      }
      if (!h.values().isEmpty()) {
        domain.put("values", h.values());
      }
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("name", h.name());
      info.put("type", h.type());
      info.put("domain", domain);
      info.put("differs", h.differs());
      if (!h.description().isEmpty()) {
        info.put("description", h.description());
      }
      hparams.add(info);
    }
    List<Map<String, Object>> metrics = new ArrayList<>();
    for (MetricInfo m : table.metrics()) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("tag", m.tag());
      if (!m.runSuffix().isEmpty()) {
        info.put("run_suffix", m.runSuffix());
      }
      info.put("key", m.key());
      if (!m.displayName().isEmpty()) {
        info.put("display_name", m.displayName());
      }
      metrics.add(info);
    }
    List<Map<String, Object>> sessions = new ArrayList<>();
    for (Session s : table.sessions()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (MetricInfo m : table.metrics()) {
        MetricValue v = s.metrics().get(m.key());
        if (v != null) {
          Map<String, Object> value = new LinkedHashMap<>();
          value.put("value", v.diverged() ? Double.toString(v.value()) : v.value());
          if (v.diverged()) {
            value.put("diverged", true);
          }
          value.put("step", v.step());
          value.put("wall_time", v.wallTime());
          values.put(m.key(), value);
        }
      }
      Map<String, Object> session = new LinkedHashMap<>();
      session.put("run", s.run());
      session.put("session_run", s.sessionRun());
      session.put("runs", s.runs());
      session.put("hparams", new java.util.TreeMap<>(s.hparams()));
      session.put("metrics", values);
      session.put("status", s.status());
      session.put("start_time", number(s.startTime()));
      session.put("end_time", number(s.endTime()));
      sessions.add(session);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("hparams", hparams);
    body.put("metrics", metrics);
    body.put("sessions", sessions);
    body.put("metric_agg", table.aggregation().name().toLowerCase(java.util.Locale.ROOT));
    return body;
  }

  private static Object number(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
