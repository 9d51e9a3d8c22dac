package dev.runboard;

import dev.runboard.frontend.PluginCatalog;
import dev.runboard.frontend.SessionExpiryReload;
import dev.runboard.frontend.UiRefreshTimer;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The dashboard service. Started through {@link dev.runboard.cli.RunboardCli} ({@code runboard
 * serve}); sits at the root package so that Spring and Vaadin find the views of the frontend and
 * plugin modules.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RunboardApplication {
  @Bean(destroyMethod = "close")
  UiRefreshTimer uiRefreshTimer() {
    return new UiRefreshTimer();
  }

  @Bean
  PluginCatalog pluginCatalog() {
    return PluginCatalog.discover(RunboardApplication.class.getClassLoader());
  }

  /** After a server restart, open pages reload themselves instead of showing "session expired". */
  @Bean
  SessionExpiryReload sessionExpiryReload() {
    return new SessionExpiryReload();
  }
}
