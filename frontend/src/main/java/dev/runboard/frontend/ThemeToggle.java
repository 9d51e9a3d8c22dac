package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;

/**
 * Dark mode: Lumo's dark theme when the system prefers it, or as the user chooses (auto, dark,
 * light, in turn). The choice is the browser's (local storage), applied before the page draws
 * anything of its own, and followed live while on auto.
 */
final class ThemeToggle extends Button {
  // Installed once per page: applies the stored choice and follows the system setting.
  private static final String SCRIPT = """
      if (!window.runboardTheme) {
        const media = window.matchMedia('(prefers-color-scheme: dark)');
        const apply = () => {
          const mode = localStorage.getItem('runboard.theme') || 'auto';
          const dark = mode === 'dark' || (mode === 'auto' && media.matches);
          if (dark) document.documentElement.setAttribute('theme', 'dark');
          else document.documentElement.removeAttribute('theme');
          return mode;
        };
        media.addEventListener('change', apply);
        window.runboardTheme = { apply, set: (mode) => { localStorage.setItem('runboard.theme', mode); return apply(); } };
      }
      return $0 ? window.runboardTheme.set($0) : window.runboardTheme.apply();
      """;

  private String mode = "auto";

  ThemeToggle() {
    setId("theme-toggle");
    addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
    addClickListener(e -> choose(switch (mode) {
      case "auto" -> "dark";
      case "dark" -> "light";
      default -> "auto";
    }));
    show();
  }

  @Override
  protected void onAttach(AttachEvent event) {
    choose(null);
  }

  private void choose(String next) {
    getElement().executeJs(SCRIPT, next).then(String.class, m -> {
      mode = m;
      show();
    });
  }

  private void show() {
    setText(switch (mode) {
      case "dark" -> "☾ Dark";
      case "light" -> "☀ Light";
      default -> "◐ Auto";
    });
    getElement().setAttribute("title", "Colour theme: " + mode + " (click to change)");
    getElement().setAttribute("data-mode", mode);
  }
}
