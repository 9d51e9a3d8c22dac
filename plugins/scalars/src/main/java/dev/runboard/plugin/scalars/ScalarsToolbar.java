package dev.runboard.plugin.scalars;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import dev.runboard.plugin.FieldError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The scalars dashboard's controls: tag filter, smoothing (kind and slider), x-axis, log scales,
 * ignore outliers, and grouping (by a regular expression over run names or by a hyperparameter,
 * with its band). Every change reports the whole settings.
 */
final class ScalarsToolbar extends FlexLayout {
  private static final Map<String, String> KIND_LABELS = Map.of(
      "ema", "EMA (TensorBoard)", "twema", "Time-weighted EMA", "gauss", "Gaussian", "mean", "Moving mean", "none", "None");
  private static final Map<String, String> AXIS_LABELS = Map.of("step", "Step", "relative", "Relative", "wall", "Wall time");

  private final TextField tagFilter = new TextField();
  private final Select<String> kind = new Select<>();
  private final Input slider = new Input(ValueChangeMode.ON_CHANGE);
  private final Span sliderValue = new Span();
  private final Select<String> axis = new Select<>();
  private final Checkbox logY = new Checkbox("Log y");
  private final Checkbox logX = new Checkbox("Log x");
  private final Checkbox outliers = new Checkbox("Ignore outliers");
  private final ComboBox<String> groupBy = new ComboBox<>();
  private final Select<String> band = new Select<>();
  private final Checkbox showRuns = new Checkbox("Show runs");
  private final Consumer<ScalarsSettings> onSettings;
  private final Consumer<String> onTagFilter;
  private boolean updating;

  ScalarsToolbar(Consumer<ScalarsSettings> onSettings, Consumer<String> onTagFilter) {
    this.onSettings = onSettings;
    this.onTagFilter = onTagFilter;
    setFlexWrap(FlexWrap.WRAP);
    setAlignItems(FlexComponent.Alignment.BASELINE);
    setWidthFull();
    getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");

    tagFilter.setId("tag-filter");
    tagFilter.setPlaceholder("Filter tags (regex)");
    tagFilter.setClearButtonVisible(true);
    tagFilter.setValueChangeMode(ValueChangeMode.LAZY);
    tagFilter.setWidth("16em");
    tagFilter.addValueChangeListener(e -> {
      if (!updating) {
        onTagFilter.accept(e.getValue());
      }
    });

    kind.setId("smoothing-kind");
    kind.setLabel("Smoothing");
    kind.setItems("ema", "twema", "gauss", "mean", "none");
    kind.setItemLabelGenerator(KIND_LABELS::get);
    kind.setWidth("13em");
    slider.setType("range");
    slider.setId("smoothing");
    slider.getElement().setAttribute("min", "0").setAttribute("max", "0.999").setAttribute("step", "0.001");
    slider.getElement().setAttribute("aria-label", "Smoothing");
    slider.setWidth("10em");
    sliderValue.setId("smoothing-value");
    sliderValue.getStyle().set("font-variant-numeric", "tabular-nums").set("min-width", "3.5em");
    // The number follows the thumb while dragging; the server hears the value on release.
    slider.getElement().executeJs("this.addEventListener('input', () => { const v = document.getElementById('smoothing-value');"
        + " if (v) v.textContent = Number(this.value).toFixed(3); })");
    HorizontalLayout smoothing = new HorizontalLayout(kind, slider, sliderValue);
    smoothing.setAlignItems(FlexComponent.Alignment.BASELINE);
    smoothing.setSpacing(true);

    axis.setId("x-axis");
    axis.setLabel("X axis");
    axis.setItems("step", "relative", "wall");
    axis.setItemLabelGenerator(AXIS_LABELS::get);
    axis.setWidth("9em");
    logY.setId("log-y");
    logX.setId("log-x");
    outliers.setId("ignore-outliers");

    groupBy.setId("group-by");
    groupBy.setLabel("Group runs by");
    groupBy.setPlaceholder("regex or hparam:NAME");
    groupBy.setAllowCustomValue(true);
    groupBy.setClearButtonVisible(true);
    groupBy.setWidth("15em");
    groupBy.addCustomValueSetListener(e -> groupBy.setValue(e.getDetail()));
    band.setId("band");
    band.setLabel("Band");
    band.setItems("std", "minmax");
    band.setItemLabelGenerator(b -> b.equals("std") ? "Mean ± std" : "Min – max");
    band.setWidth("9em");
    showRuns.setId("show-runs");

    for (var field : List.of(kind, axis, band)) {
      field.addValueChangeListener(e -> changed());
    }
    for (Checkbox box : List.of(logY, logX, outliers, showRuns)) {
      box.addValueChangeListener(e -> changed());
    }
    slider.addValueChangeListener(e -> changed());
    groupBy.addValueChangeListener(e -> changed());
    add(tagFilter, smoothing, axis, logY, logX, outliers, groupBy, band, showRuns);
  }

  /** Offers {@code hparam:NAME} for each hyperparameter the runs logged. */
  void setHparams(Collection<String> names) {
    List<String> items = new ArrayList<>();
    names.stream().sorted().forEach(n -> items.add("hparam:" + n));
    String value = groupBy.getValue();
    updating = true;
    try {
      groupBy.setItems(items);
      groupBy.setValue(value);
    } finally {
      updating = false;
    }
  }

  /** Shows settings (from the URL) without reporting them back. */
  void show(ScalarsSettings s, String tags) {
    updating = true;
    try {
      tagFilter.setValue(tags == null ? "" : tags);
      kind.setValue(s.smoothingKind());
      slider.setValue(String.format(Locale.ROOT, "%.3f", s.smoothing()));
      sliderValue.setText(String.format(Locale.ROOT, "%.3f", s.smoothing()));
      slider.setEnabled(!s.smoothingKind().equals("none"));
      axis.setValue(s.x());
      logY.setValue(s.logY());
      logX.setValue(s.logX());
      logX.setEnabled(s.x().equals("step"));
      outliers.setValue(s.outliers());
      groupBy.setValue(s.groupBy());
      band.setValue(s.band());
      band.setEnabled(s.groupBy() != null);
      showRuns.setValue(s.showRuns());
      showRuns.setEnabled(s.groupBy() != null);
    } finally {
      updating = false;
    }
  }

  /** Marks the tag filter as not a regular expression, or clears the mark; returns the pattern. */
  Pattern tagPattern(String text) {
    if (text == null || text.isBlank()) {
      FieldError.clear(tagFilter);
      return null;
    }
    try {
      Pattern pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE);
      FieldError.clear(tagFilter);
      return pattern;
    } catch (PatternSyntaxException e) {
      FieldError.show(tagFilter, "Not a regular expression: " + e.getDescription());
      return null;
    }
  }

  /** Marks the group-by field as invalid, or clears the mark. */
  void groupByError(String message) {
    if (message == null) {
      FieldError.clear(groupBy);
    } else {
      FieldError.show(groupBy, message);
    }
  }

  private void changed() {
    if (updating) {
      return;
    }
    double value;
    try {
      value = Math.max(0, Math.min(0.999, Double.parseDouble(slider.getValue())));
    } catch (NumberFormatException e) {
      value = ScalarsSettings.DEFAULTS.smoothing();
    }
    String group = groupBy.getValue();
    ScalarsSettings s = new ScalarsSettings(
        kind.getValue() == null ? "ema" : kind.getValue(), value, axis.getValue() == null ? "step" : axis.getValue(),
        logY.getValue(), logX.getValue(), outliers.getValue(), group == null || group.isBlank() ? null : group,
        band.getValue() == null ? "std" : band.getValue(), showRuns.getValue());
    show(s, tagFilter.getValue());
    onSettings.accept(s);
  }
}
