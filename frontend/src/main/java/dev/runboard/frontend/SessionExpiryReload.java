package dev.runboard.frontend;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * When the server restarted, the page's session is gone: instead of Vaadin's "session expired"
 * notice, the page reloads by itself as soon as the server answers again, and its URL (dashboard,
 * filters, selection, smoothing) restores the view.
 */
public final class SessionExpiryReload implements VaadinServiceInitListener {
  @Override
  public void serviceInit(ServiceInitEvent event) {
    event.getSource().setSystemMessagesProvider(info -> {
      CustomizedSystemMessages messages = new CustomizedSystemMessages();
      messages.setSessionExpiredNotificationEnabled(false);
      messages.setInternalErrorNotificationEnabled(true);
      return messages;
    });
  }
}
