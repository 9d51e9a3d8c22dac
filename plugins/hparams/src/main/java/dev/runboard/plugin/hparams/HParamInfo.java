package dev.runboard.plugin.hparams;

import java.util.List;
import java.util.Objects;

/**
 * A hyperparameter column.
 *
 * @param type {@code float}, {@code int} (numbers that are all whole), {@code string} or {@code
 *     bool}
 * @param values the distinct values the sessions have (or the experiment summary declares), sorted;
 *     for numbers at most {@link SessionTableReader#MAX_DISCRETE_VALUES}, else empty
 * @param min for numbers: the smallest value (declared interval or observed), NaN otherwise
 * @param max for numbers: the largest value, NaN otherwise
 * @param differs whether the sessions do not all share one value (TensorBoard hides the others by
 *     default)
 */
public record HParamInfo(
    String name, String type, List<Object> values, double min, double max, boolean differs, String description) {
  public HParamInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    values = List.copyOf(values);
    Objects.requireNonNull(description, "description");
  }

  public boolean numeric() {
    return type.equals("float") || type.equals("int");
  }
}
