package dev.runboard.stream;

import dev.runboard.web.ProblemResponses;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Serves the stream at {@code /api/v1/stream}, beside Spring MVC's dispatcher. */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {
  static final String PATH = "/api/v1/stream";

  @Bean
  ServletRegistrationBean<StreamServlet> streamServlet(StreamHub hub, ProblemResponses problems) {
    ServletRegistrationBean<StreamServlet> registration =
        new ServletRegistrationBean<>(new StreamServlet(hub, problems), PATH);
    registration.setName("runboardStream");
    registration.setAsyncSupported(true);
    registration.setLoadOnStartup(1);
    return registration;
  }
}
