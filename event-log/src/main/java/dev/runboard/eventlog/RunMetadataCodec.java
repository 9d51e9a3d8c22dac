package dev.runboard.eventlog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;

/**
 * Run metadata rows. Hyperparameters are four parallel lists: names, and one list per value type
 * (string, number, bool) of which exactly one is non-null at each position.
 */
final class RunMetadataCodec implements EventCodec {
  @Override
  public void encode(List<LogEvent> events, VectorSchemaRoot root, TagTable tags) {
    for (int row = 0; row < events.size(); row++) {
      RunMetadataEvent e = (RunMetadataEvent) events.get(row);
      ((Float8Vector) root.getVector("wall_time")).setSafe(row, e.wallTime());
      ((Float8Vector) root.getVector("start_time")).setSafe(row, e.startTime());
      ArrowColumns.setString((VarCharVector) root.getVector("host"), row, e.host());
      ArrowColumns.setString((VarCharVector) root.getVector("command_line"), row, e.commandLine());
      ArrowColumns.setString((VarCharVector) root.getVector("framework"), row, e.framework());
      ArrowColumns.setString(
          (VarCharVector) root.getVector("framework_version"), row, e.frameworkVersion());
      List<String> names = new ArrayList<>();
      List<String> strings = new ArrayList<>();
      List<Double> numbers = new ArrayList<>();
      List<Boolean> bools = new ArrayList<>();
      for (Map.Entry<String, Object> hparam : new TreeMap<>(e.hparams()).entrySet()) {
        Object value = hparam.getValue();
        names.add(hparam.getKey());
        strings.add(value instanceof String ? (String) value : null);
        numbers.add(value instanceof Double ? (Double) value : null);
        bools.add(value instanceof Boolean ? (Boolean) value : null);
      }
      ArrowColumns.setStrings((ListVector) root.getVector("hparam_names"), row, names);
      ArrowColumns.setStrings((ListVector) root.getVector("hparam_strings"), row, strings);
      ArrowColumns.setNullableDoubles((ListVector) root.getVector("hparam_numbers"), row, numbers);
      ArrowColumns.setNullableBooleans((ListVector) root.getVector("hparam_bools"), row, bools);
      Map<String, String> labels = new TreeMap<>(e.tags());
      ArrowColumns.setStrings(
          (ListVector) root.getVector("tag_keys"), row, new ArrayList<>(labels.keySet()));
      ArrowColumns.setStrings(
          (ListVector) root.getVector("tag_values"), row, new ArrayList<>(labels.values()));
    }
    root.setRowCount(events.size());
  }

  @Override
  public LogEvent decode(VectorSchemaRoot root, List<String> dictionary, int row) {
    List<String> names = ArrowColumns.strings((ListVector) root.getVector("hparam_names"), row);
    List<String> strings = ArrowColumns.strings((ListVector) root.getVector("hparam_strings"), row);
    List<Double> numbers =
        ArrowColumns.nullableDoubles((ListVector) root.getVector("hparam_numbers"), row);
    List<Boolean> bools =
        ArrowColumns.nullableBooleans((ListVector) root.getVector("hparam_bools"), row);
    if (strings.size() != names.size()
        || numbers.size() != names.size()
        || bools.size() != names.size()) {
      throw new IllegalArgumentException("row " + row + ": hparam lists differ in length");
    }
    Map<String, Object> hparams = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      Object value =
          strings.get(i) != null ? strings.get(i) : numbers.get(i) != null ? numbers.get(i) : bools.get(i);
      if (value == null) {
        throw new IllegalArgumentException(
            "row " + row + ": hparam '" + names.get(i) + "' has no value");
      }
      hparams.put(names.get(i), value);
    }
    List<String> keys = ArrowColumns.strings((ListVector) root.getVector("tag_keys"), row);
    List<String> values = ArrowColumns.strings((ListVector) root.getVector("tag_values"), row);
    if (keys.size() != values.size()) {
      throw new IllegalArgumentException("row " + row + ": tag keys and values differ in length");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      labels.put(keys.get(i), values.get(i));
    }
    return new RunMetadataEvent(
        ((Float8Vector) root.getVector("wall_time")).get(row),
        hparams,
        ((Float8Vector) root.getVector("start_time")).get(row),
        ArrowColumns.string((VarCharVector) root.getVector("host"), row),
        ArrowColumns.string((VarCharVector) root.getVector("command_line"), row),
        ArrowColumns.string((VarCharVector) root.getVector("framework"), row),
        ArrowColumns.string((VarCharVector) root.getVector("framework_version"), row),
        labels);
  }
}
