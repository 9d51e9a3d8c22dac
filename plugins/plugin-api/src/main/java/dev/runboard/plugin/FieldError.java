package dev.runboard.plugin;

import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.HasHelper;
import com.vaadin.flow.component.HasValidation;

/**
 * Says under a field that its text is not usable (a regular expression that does not compile),
 * for filters shared across dashboards. The message is the field's helper text, in the error
 * colour: unlike the validation message, the web component's own checks never clear it.
 */
public final class FieldError {
  private FieldError() {}

  public static <F extends HasHelper & HasValidation & HasElement> void show(F field, String message) {
    field.setInvalid(true);
    field.setErrorMessage(message);
    field.setHelperText(message);
    field.getElement().getStyle().set("--vaadin-input-field-helper-color", "var(--lumo-error-text-color)");
    field.getElement().setAttribute("data-error", message);
  }

  public static <F extends HasHelper & HasValidation & HasElement> void clear(F field) {
    field.setInvalid(false);
    field.setHelperText(null);
    field.getElement().getStyle().remove("--vaadin-input-field-helper-color");
    field.getElement().removeAttribute("data-error");
  }
}
