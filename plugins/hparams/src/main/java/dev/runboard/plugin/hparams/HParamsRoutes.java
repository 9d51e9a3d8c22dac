package dev.runboard.plugin.hparams;

import dev.runboard.data.PluginNames;
import dev.runboard.data.routes.PluginRoutes;
import dev.runboard.data.routes.Route;
import dev.runboard.data.routes.RouteException;
import dev.runboard.data.routes.RouteParameter;
import dev.runboard.data.routes.RouteRequest;
import dev.runboard.data.routes.RouteResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hparams API: {@code /api/v1/hparams} (the session table), {@code /api/v1/hparams/importance}
 * and {@code /api/v1/hparams/export} (CSV or LaTeX), all with the same filters: {@code
 * hparam.<name>=v} (exact) or {@code =a..b} (range), {@code metric.<key>=a..b}, {@code
 * status=success,failure}, and {@code metric_agg=last|min|max}.
 */
public final class HParamsRoutes implements PluginRoutes {
  private static final List<RouteParameter> FILTERS = List.of(
      RouteParameter.optional("metric_agg", "string", "last (default), min or max: which value of a metric stands for a session"),
      RouteParameter.optional("hparam.<name>", "string", "keep sessions whose hyperparameter equals the value, or lies in a..b"),
      RouteParameter.optional("metric.<key>", "string", "keep sessions whose metric lies in a..b (or equals the value)"),
      RouteParameter.optional("status", "string", "keep sessions with these statuses: success, failure, running, unknown (comma-separated)"));

  @Override
  public String pluginName() {
    return PluginNames.HPARAMS;
  }

  @Override
  public List<Route> routes() {
    List<RouteParameter> importance = new ArrayList<>(FILTERS);
    importance.add(RouteParameter.required("metric", "string", "the metric's key, as in the table's metrics"));
    List<RouteParameter> export = new ArrayList<>(FILTERS);
    export.add(RouteParameter.optional("format", "string", "csv (default) or latex"));
    return List.of(
        new Route("hparams", "Sessions with their hyperparameters, metrics and status", FILTERS, HParamsRoutes::table),
        new Route("hparams/importance", "How much each hyperparameter explains a metric (random-forest permutation importance)",
            importance, HParamsRoutes::importance),
        new Route("hparams/export", "The session table as CSV or LaTeX", export, HParamsRoutes::export));
  }

  private static SessionTable filtered(RouteRequest request) {
    MetricAggregation aggregation;
    try {
      aggregation = MetricAggregation.parse(request.parameter("metric_agg").orElse("last"));
    } catch (IllegalArgumentException e) {
      throw RouteException.badRequest("metric_agg", "must be last, min or max");
    }
    SessionTable table = SessionTableReader.read(request.data(), aggregation);
    SessionFilter filter = SessionFilter.none();
    for (String name : request.parameterNames()) {
      String value = request.parameter(name).orElse("");
      try {
        if (name.startsWith("hparam.")) {
          String hparam = name.substring("hparam.".length());
          if (table.hparam(hparam).isEmpty()) {
            throw RouteException.badRequest(name, "names no hyperparameter of any session");
          }
          filter = filter.withHParam(hparam, ColumnCondition.parse(value));
        } else if (name.startsWith("metric.")) {
          String metric = name.substring("metric.".length());
          if (table.metric(metric).isEmpty()) {
            throw RouteException.badRequest(name, "names no metric of any session");
          }
          filter = filter.withMetric(metric, ColumnCondition.parse(value));
        }
      } catch (IllegalArgumentException e) {
        throw RouteException.badRequest(name, e.getMessage());
      }
    }
    if (request.parameter("status").isPresent()) {
      Set<String> statuses = new LinkedHashSet<>();
      for (String s : request.parameters("status")) {
        Arrays.stream(s.split(",")).map(String::trim).filter(t -> !t.isEmpty()).forEach(statuses::add);
      }
      try {
        filter = filter.withStatuses(statuses);
      } catch (IllegalArgumentException e) {
        throw RouteException.badRequest("status", e.getMessage());
      }
    }
    return table.withSessions(filter.apply(table.sessions()));
  }

  private static RouteResponse table(RouteRequest request) {
    return RouteResponse.json(SessionTableJson.of(filtered(request)));
  }

  private static RouteResponse importance(RouteRequest request) {
    String metric = request.require("metric");
    SessionTable table = filtered(request);
    if (table.metric(metric).isEmpty()) {
      throw RouteException.notFound("no metric '" + metric + "'");
    }
    HParamImportance.Result result;
    try {
      result = HParamImportance.compute(table, metric, 1);
    } catch (IllegalArgumentException e) {
      throw new RouteException(422, e.getMessage(), "metric");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (HParamImportance.Entry e : result.entries()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("hparam", e.hparam());
      entry.put("importance", e.importance());
      entry.put("raw", e.raw());
      entries.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("metric", result.metric());
    body.put("method", "out-of-bag permutation importance of a 100-tree random forest (Breiman 2001)");
    body.put("sessions", result.sessions());
    body.put("oob_r2", result.outOfBagR2());
    body.put("importance", entries);
    return RouteResponse.json(body);
  }

  private static RouteResponse export(RouteRequest request) {
    String format = request.parameter("format").orElse("csv");
    SessionTable table = filtered(request);
    return switch (format) {
      case "csv" -> new RouteResponse.Bytes("text/csv; charset=utf-8",
          TableExport.csv(table).getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Disposition", "attachment; filename=\"hparams.csv\""));
      case "latex" -> new RouteResponse.Bytes("application/x-latex; charset=utf-8",
          TableExport.latex(table).getBytes(StandardCharsets.UTF_8),
          Map.of("Content-Disposition", "attachment; filename=\"hparams.tex\""));
      default -> throw RouteException.badRequest("format", "must be csv or latex");
    };
  }
}
