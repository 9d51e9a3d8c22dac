package dev.runboard.logdir;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the logdir index and the watcher that keeps it live. */
@Configuration(proxyBeanMethods = false)
class LogdirConfiguration {
  @Bean(destroyMethod = "close")
  LogdirIndex logdirIndex(LogdirProperties properties) {
    return new LogdirIndex(new Logdir(properties.logdir()));
  }

  @Bean
  LogdirWatcher logdirWatcher(LogdirIndex index, LogdirProperties properties) {
    return new LogdirWatcher(index, properties);
  }
}
