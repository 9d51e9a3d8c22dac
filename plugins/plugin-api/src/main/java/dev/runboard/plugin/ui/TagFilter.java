package dev.runboard.plugin.ui;

import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The tag filter every dashboard has: a regular expression, case-insensitive, matched anywhere in
 * the tag (as TensorBoard's). An invalid expression is shown as such and filters nothing out.
 */
public final class TagFilter extends TextField {
  private Predicate<String> matcher = tag -> true;

  public TagFilter() {
    setPlaceholder("Filter tags (regular expression)");
    setClearButtonVisible(true);
    setValueChangeMode(ValueChangeMode.LAZY);
    setWidth("min(100%, 320px)");
    addClassName("runboard-tag-filter");
    addValueChangeListener(e -> compile(e.getValue()));
  }

  private void compile(String text) {
    if (text == null || text.isBlank()) {
      matcher = tag -> true;
      setInvalid(false);
      return;
    }
    try {
      Pattern pattern = Pattern.compile(text, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      matcher = tag -> pattern.matcher(tag).find();
      setInvalid(false);
    } catch (PatternSyntaxException e) {
      matcher = tag -> true;
      setErrorMessage("Not a valid regular expression: " + e.getDescription());
      setInvalid(true);
    }
  }

  /** Whether the tag passes the filter. */
  public boolean matches(String tag) {
    return matcher.test(tag);
  }
}
