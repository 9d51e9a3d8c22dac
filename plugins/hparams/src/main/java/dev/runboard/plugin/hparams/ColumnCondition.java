package dev.runboard.plugin.hparams;

import java.util.Locale;
import java.util.Set;

/**
 * A condition on one column, as the API's {@code hparam.<name>=...} and the table's filters write
 * it: {@code a..b} is a closed range ({@code ..b} and {@code a..} are open on one side), anything
 * else an exact value ({@code 0.001}, {@code adam}, {@code true}); {@link #anyOf} is a set of values.
 */
public record ColumnCondition(String text, double from, double to, boolean range, Set<String> oneOf) {
  public ColumnCondition {
    oneOf = oneOf == null ? null : Set.copyOf(oneOf);
  }

  public static ColumnCondition parse(String text) {
    String t = text.trim();
    int dots = t.indexOf("..");
    if (dots < 0) {
      return new ColumnCondition(t, Double.NaN, Double.NaN, false, null);
    }
    String a = t.substring(0, dots).trim();
    String b = t.substring(dots + 2).trim();
    try {
      double from = a.isEmpty() ? Double.NEGATIVE_INFINITY : Double.parseDouble(a);
      double to = b.isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(b);
      if (from > to) {
        throw new IllegalArgumentException("the range " + t + " is empty: " + a + " is greater than " + b);
      }
      return new ColumnCondition(t, from, to, true, null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + t + "' is not a range of numbers (a..b)");
    }
  }

  /** Any of these values (as text: {@code adam}, {@code true}), as a brush over categories makes it. */
  public static ColumnCondition anyOf(Set<String> values) {
    return new ColumnCondition(String.join("|", new java.util.TreeSet<>(values)), Double.NaN, Double.NaN, false, values);
  }

  /** Whether a value (String, Double, Boolean or null for missing) satisfies the condition. */
  public boolean test(Object value) {
    if (value == null) {
      return false;
    }
    if (range) {
      return value instanceof Double d && d >= from && d <= to;
    }
    if (oneOf != null) {
      return oneOf.contains(value instanceof Double d ? TableExport.text(d, false) : value.toString());
    }
    if (value instanceof Double d) {
      try {
        return Double.parseDouble(text) == d;
      } catch (NumberFormatException e) {
        return false;
      }
    }
    if (value instanceof Boolean b) {
      return text.toLowerCase(Locale.ROOT).equals(b.toString());
    }
    return value.toString().equals(text);
  }
}
