package dev.runboard.plugin.hparams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runboard.data.BlobSequence;
import dev.runboard.data.BlobSequenceDatum;
import dev.runboard.data.DataClass;
import dev.runboard.data.DataProvider;
import dev.runboard.data.PluginNames;
import dev.runboard.data.RunInfo;
import dev.runboard.data.RunTagFilter;
import dev.runboard.data.ScalarQuery;
import dev.runboard.data.ScalarSeries;
import dev.runboard.data.SeriesInfo;
import dev.runboard.data.SessionInfo;
import dev.runboard.data.StepQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Builds the {@link SessionTable} from the data provider, with TensorBoard's hparams rules and
 * two layouts of sub-runs associated with their parent:
 *
 * <ul>
 *   <li>a <b>session</b> is a run that logged hyperparameters (Runboard's {@code run_metadata},
 *       TensorBoard's session start info);
 *   <li>the run it <b>stands for</b> is the parent of the run that logged them when that run is
 *       named like a timestamp (PyTorch's {@code add_hparams} writes {@code <run>/<time>}) or is
 *       {@code train} (Runboard's trainer writes {@code <experiment>/train} beside {@code
 *       validation}); else the run itself;
 *   <li>the session's runs are that run and the runs below it (less those of a more specific
 *       session); a metric is a scalar tag of one of them, named by its path below the session's
 *       run ({@link MetricInfo#runSuffix()}). PyTorch's timestamp sub-run counts as the run itself,
 *       so its {@code hparam/...} metrics line up across sessions;
 *   <li>metrics are those the experiment summaries declare (TensorBoard's {@code
 *       _hparams_/experiment}, read as JSON blobs), and for sessions without one every scalar tag
 *       of their runs;
 *   <li>status: from the session's stop (Runboard's writer closing is a success, TensorBoard's
 *       session end says which); a session without a stop is {@code running} while its run has
 *       logged within {@link #STALE_SECONDS}, else {@code unknown}.
 * </ul>
 */
public final class SessionTableReader {
  /** Numbers with at most this many distinct values list them in their domain. */
  static final int MAX_DISCRETE_VALUES = 32;
  /** A session without a stop that has been silent this long is no longer called running. */
  static final double STALE_SECONDS = 600;
  private static final Pattern TIMESTAMP = Pattern.compile("\\d+(\\.\\d+)?");
  private static final String TRAIN = "train";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionTableReader() {}

  public static SessionTable read(DataProvider data, MetricAggregation aggregation) {
    return read(data, aggregation, System.currentTimeMillis() / 1000.0);
  }

  /** @param now seconds since the Unix epoch, for telling running sessions from stale ones */
  static SessionTable read(DataProvider data, MetricAggregation aggregation, double now) {
    List<RunInfo> runs = data.listRuns();
    Map<String, RunInfo> byName = new HashMap<>();
    List<Found> found = new ArrayList<>();
    Map<String, List<Found>> byExperiment = new HashMap<>();
    Map<String, Found> bySessionRun = new HashMap<>();
    for (RunInfo run : runs) {
      byName.put(run.name(), run);
      if (!run.hparams().isEmpty()) {
        Found f = locate(run);
        found.add(f);
        byExperiment.computeIfAbsent(f.experiment, k -> new ArrayList<>()).add(f);
        bySessionRun.put(run.name(), f);
      }
    }
    if (found.isEmpty()) {
      return new SessionTable(List.of(), List.of(), List.of(), aggregation);
    }
    // Which sessions each run belongs to: its own, or those of the innermost experiment above it.
    for (RunInfo run : runs) {
      Found own = bySessionRun.get(run.name());
      if (own != null) {
        own.runs.add(run);
        continue;
      }
      for (String prefix = run.name(); prefix != null; prefix = parent(prefix)) {
        List<Found> owners = byExperiment.get(prefix);
        if (owners != null) {
          owners.forEach(f -> f.runs.add(run));
          break;
        }
      }
    }

    Experiments experiments = experiments(data);
    Map<String, MetricInfo> metrics = new TreeMap<>();
    experiments.metrics.forEach(m -> metrics.put(m.key(), m));
    for (Found f : found) {
      f.declared = f.runs.stream().anyMatch(r -> experiments.runs.contains(r.name()));
      if (!f.declared) {
        for (RunInfo run : f.runs) {
          String suffix = f.suffixOf(run.name());
          for (String tag : run.tags(DataClass.SCALARS, null)) {
            metrics.putIfAbsent(MetricInfo.keyOf(tag, suffix), MetricInfo.of(tag, suffix, ""));
          }
        }
      }
    }

    // One read for every metric's series: M4 with a single column keeps the first, lowest,
    // highest and last point of each, which is all the aggregations need.
    Set<String> wantedRuns = new HashSet<>();
    Set<String> wantedTags = new HashSet<>();
    for (Found f : found) {
      for (MetricInfo m : metrics.values()) {
        for (String candidate : f.candidates(m.runSuffix())) {
          if (byName.containsKey(candidate)) {
            wantedRuns.add(candidate);
            wantedTags.add(m.tag());
          }
        }
      }
    }
    Map<String, ScalarSeries> series = new HashMap<>();
    if (!wantedRuns.isEmpty()) {
      for (ScalarSeries s : data.readScalars(RunTagFilter.of(wantedRuns, wantedTags), ScalarQuery.downsampled(1))) {
        series.put(s.run() + '\u0000' + s.tag(), s);
      }
    }

    List<Session> sessions = new ArrayList<>(found.size());
    for (Found f : found) {
      Map<String, MetricValue> values = new LinkedHashMap<>();
      for (MetricInfo m : metrics.values()) {
        for (String candidate : f.candidates(m.runSuffix())) {
          ScalarSeries s = series.get(candidate + '\u0000' + m.tag());
          if (s != null && s.size() > 0) {
            values.put(m.key(), aggregation.pick(s.steps(), s.wallTimes(), s.values()));
            break;
          }
        }
      }
      sessions.add(session(f, values, now));
    }
    sessions.sort((a, b) -> a.sessionRun().compareTo(b.sessionRun()));
    return new SessionTable(hparamInfos(sessions, experiments.hparams), List.copyOf(metrics.values()), sessions, aggregation);
  }

  /** A run with hparams, the run it stands for, and the runs that belong to it. */
  private static final class Found {
    final RunInfo sessionRun;
    final String experiment;
    /** PyTorch's timestamp sub-run: its tags count as the experiment run's own. */
    final boolean merged;
    final List<RunInfo> runs = new ArrayList<>();
    boolean declared;

    Found(RunInfo sessionRun, String experiment, boolean merged) {
      this.sessionRun = sessionRun;
      this.experiment = experiment;
      this.merged = merged;
    }

    String suffixOf(String run) {
      if (run.equals(experiment) || (merged && run.equals(sessionRun.name()))) {
        return "";
      }
      return experiment.equals(".") ? run : run.substring(experiment.length() + 1);
    }

    /** The runs a metric with this suffix is read from, in order of preference. */
    List<String> candidates(String suffix) {
      if (suffix.isEmpty()) {
        return merged ? List.of(sessionRun.name(), experiment) : List.of(experiment);
      }
      return List.of(experiment.equals(".") ? suffix : experiment + "/" + suffix);
    }
  }

  private static Found locate(RunInfo run) {
    String name = run.name();
    String parent = parent(name);
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (parent != null && TIMESTAMP.matcher(last).matches()) {
      return new Found(run, parent, true);
    }
    if (last.equals(TRAIN) && !name.equals(".")) {
      return new Found(run, parent == null ? "." : parent, false);
    }
    return new Found(run, name, false);
  }

  /** "a/b" for "a/b/c", "." for a top-level run, null for ".". */
  private static String parent(String run) {
    if (run.equals(".")) {
      return null;
    }
    int slash = run.lastIndexOf('/');
    return slash < 0 ? "." : run.substring(0, slash);
  }

  private static Session session(Found f, Map<String, MetricValue> metrics, double now) {
    RunInfo run = f.sessionRun;
    List<SessionInfo> writerSessions = run.sessions();
    double start = Double.NaN;
    String startText = run.attributes().get("start_time");
    if (startText != null) {
      try {
        start = Double.parseDouble(startText);
      } catch (NumberFormatException e) {
        // not a number: fall back to what the log itself says
      }
    }
    if (start != start && !writerSessions.isEmpty()) {
      start = writerSessions.get(0).startWallTime();
    }
    if (start != start) {
      start = run.firstWallTime();
    }
    String status;
    double end = Double.NaN;
    SessionInfo last = writerSessions.isEmpty() ? null : writerSessions.get(writerSessions.size() - 1);
    if (last != null && last.ended()) {
      end = last.endWallTime();
      status = switch (last.endStatus()) {
        case "failure", "running", "unknown" -> last.endStatus();
        default -> "success"; // a writer that closed, TensorBoard's success, a TF SessionLog STOP
      };
    } else if (last != null && now - run.lastWallTime() < STALE_SECONDS) {
      status = "running";
    } else {
      status = "unknown";
    }
    List<String> runs = f.runs.stream().map(RunInfo::name).sorted().toList();
    return new Session(f.experiment, run.name(), runs, run.hparams(), metrics, status, start, end);
  }

  // ---------------------------------------------------------------------------------------------
  // Experiment summaries

  private record Declared(String type, List<Object> values, double min, double max, String description) {}

  private static final class Experiments {
    final Set<String> runs = new HashSet<>();
    final List<MetricInfo> metrics = new ArrayList<>();
    final Map<String, Declared> hparams = new LinkedHashMap<>();
  }

  private static Experiments experiments(DataProvider data) {
    Experiments out = new Experiments();
    for (SeriesInfo info : data.listSeries(DataClass.BLOB_SEQUENCES, PluginNames.HPARAMS, RunTagFilter.all())) {
      if (!info.tag().endsWith("experiment")) {
        continue;
      }
      List<BlobSequence> read = data.readBlobSequences(
          PluginNames.HPARAMS, RunTagFilter.one(info.run(), info.tag()), StepQuery.all());
      if (read.isEmpty() || read.get(0).data().isEmpty()) {
        continue;
      }
      List<BlobSequenceDatum> entries = read.get(0).data();
      String key = entries.get(entries.size() - 1).blobs().get(0).key();
      JsonNode experiment;
      try {
        byte[] bytes = data.readBlob(key).map(b -> b.data()).orElse(null);
        if (bytes == null) {
          continue;
        }
        experiment = JSON.readTree(bytes);
      } catch (IOException | UncheckedIOException e) {
        continue; // an unreadable summary: the sessions' own values still make a table
      }
      out.runs.add(info.run());
      for (JsonNode m : experiment.path("metrics")) {
        MetricInfo metric = MetricInfo.of(m.path("tag").asText(), m.path("group").asText(""), m.path("display_name").asText(""));
        if (!metric.tag().isEmpty() && out.metrics.stream().noneMatch(x -> x.key().equals(metric.key()))) {
          out.metrics.add(metric);
        }
      }
      for (JsonNode h : experiment.path("hparams")) {
        String name = h.path("name").asText("");
        if (name.isEmpty() || out.hparams.containsKey(name)) {
          continue;
        }
        List<Object> values = new ArrayList<>();
        for (JsonNode v : h.path("domain").path("values")) {
          values.add(v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
        }
        JsonNode domain = h.path("domain");
        double min = domain.has("min") && domain.get("min").isNumber() ? domain.get("min").asDouble() : Double.NaN;
        double max = domain.has("max") && domain.get("max").isNumber() ? domain.get("max").asDouble() : Double.NaN;
        out.hparams.put(name, new Declared(h.path("type").asText(""), values, min, max, h.path("description").asText("")));
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Hyperparameter columns

  private static List<HParamInfo> hparamInfos(List<Session> sessions, Map<String, Declared> declared) {
    Map<String, List<Object>> valuesByName = new TreeMap<>();
    for (Session s : sessions) {
      s.hparams().forEach((k, v) -> valuesByName.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }
    declared.keySet().forEach(k -> valuesByName.computeIfAbsent(k, x -> new ArrayList<>()));
    List<HParamInfo> out = new ArrayList<>();
    valuesByName.forEach((name, values) -> {
      Declared d = declared.get(name);
      boolean allNumbers = !values.isEmpty() && values.stream().allMatch(v -> v instanceof Double);
      boolean allBooleans = !values.isEmpty() && values.stream().allMatch(v -> v instanceof Boolean);
      if (values.isEmpty() && d != null) {
        allNumbers = d.type.equals("float64");
        allBooleans = d.type.equals("bool");
      }
      Set<Object> distinct = new TreeSet<>(SessionTableReader::compareValues);
      distinct.addAll(values);
      if (d != null) {
        distinct.addAll(d.values);
      }
      boolean differs = new HashSet<>(values).size() > 1 || values.size() < sessions.size();
      String description = d == null ? "" : d.description;
      if (allNumbers) {
        boolean whole = values.stream().allMatch(v -> {
          double x = (Double) v;
          return x == Math.rint(x) && Math.abs(x) < 1e15;
        });
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Object v : distinct) {
          if (v instanceof Double x && x == x) {
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
        }
        if (d != null && d.min == d.min) {
          min = Math.min(min, d.min);
          max = Math.max(max, d.max);
        }
        List<Object> listed = distinct.size() <= MAX_DISCRETE_VALUES ? List.copyOf(distinct) : List.of();
        out.add(new HParamInfo(name, whole ? "int" : "float", listed,
            min > max ? Double.NaN : min, min > max ? Double.NaN : max, differs, description));
      } else {
        out.add(new HParamInfo(name, allBooleans ? "bool" : "string", List.copyOf(distinct),
            Double.NaN, Double.NaN, differs, description));
      }
    });
    return out;
  }

  /** Orders hparam values: numbers by value, then booleans, then text. */
  static int compareValues(Object a, Object b) {
    int ka = a instanceof Double ? 0 : a instanceof Boolean ? 1 : 2;
    int kb = b instanceof Double ? 0 : b instanceof Boolean ? 1 : 2;
    if (ka != kb) {
      return Integer.compare(ka, kb);
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    if (a instanceof Boolean x) {
      return Boolean.compare(x, (Boolean) b);
    }
    return a.toString().compareTo(b.toString());
  }
}
