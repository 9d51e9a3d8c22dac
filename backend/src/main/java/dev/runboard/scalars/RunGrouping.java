package dev.runboard.scalars;

import dev.runboard.data.RunInfo;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * How runs are grouped: by a regular expression over the run name (the first capture group, or
 * the whole match when there is none: {@code seed=\d+} groups nothing, {@code (.*)/seed} groups
 * by what precedes "/seed"), or by the value of a hyperparameter ({@code hparam:lr}).
 */
sealed interface RunGrouping {
  /** The run's group, or null when the run belongs to none (no match, no such hparam). */
  String keyOf(RunInfo run);

  /** The wire form, e.g. {@code hparam:lr}. */
  String text();

  /** @throws IllegalArgumentException for an invalid regular expression */
  static RunGrouping parse(String text) {
    if (text.startsWith("hparam:")) {
      String name = text.substring("hparam:".length());
      if (name.isEmpty()) {
        throw new IllegalArgumentException("names no hyperparameter after 'hparam:'");
      }
      return new ByHparam(name);
    }
    try {
      return new ByRegex(Pattern.compile(text));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("is not a regular expression: " + e.getDescription());
    }
  }

  record ByRegex(Pattern pattern) implements RunGrouping {
    @Override
    public String keyOf(RunInfo run) {
      Matcher m = pattern.matcher(run.name());
      if (!m.find()) {
        return null;
      }
      if (m.groupCount() >= 1 && m.group(1) != null) {
        return m.group(1);
      }
      return m.group();
    }

    @Override
    public String text() {
      return pattern.pattern();
    }
  }

  record ByHparam(String name) implements RunGrouping {
    @Override
    public String keyOf(RunInfo run) {
      Object value = run.hparams().get(name);
      if (value == null) {
        return null;
      }
      if (value instanceof Double d && Double.isFinite(d)) {
        // 0.001, not 1.0E-3; 2, not 2.0
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
      }
      return value.toString();
    }

    @Override
    public String text() {
      return "hparam:" + name;
    }
  }
}
