package dev.runboard.frontend;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Span;

/**
 * Says so in the navbar while the page has lost the server and push is reconnecting (Vaadin's
 * connection state: reconnecting, connection-lost). After a server restart the old session is
 * gone: {@link SessionExpiryReload} then reloads the page, and the URL restores the view.
 */
final class ConnectionStatus extends Span {
  ConnectionStatus() {
    setId("connection-status");
    getStyle().set("display", "none").set("font-size", "var(--lumo-font-size-s)")
        .set("color", "var(--lumo-error-text-color)").set("margin-right", "var(--lumo-space-s)");
  }

  @Override
  protected void onAttach(AttachEvent event) {
    getElement().executeJs("""
        const el = this;
        const store = window.Vaadin && window.Vaadin.connectionState;
        if (!store || el.__runboardListening) return;
        el.__runboardListening = true;
        store.addStateChangeListener((previous, next) => {
          const state = String(next);
          el.dataset.state = state;
          el.textContent = state === 'reconnecting' ? '⟳ Reconnecting…'
              : state === 'connection-lost' ? '⚠ Server unreachable, retrying…' : '';
          el.style.display = el.textContent ? '' : 'none';
        });
        """);
  }
}
