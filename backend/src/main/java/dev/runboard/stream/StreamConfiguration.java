package dev.runboard.stream;

import dev.runboard.data.routes.RouteParameter;
import dev.runboard.openapi.ApiEndpoint;
import dev.runboard.web.ProblemResponses;
import java.util.List;
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

  @Bean
  ApiEndpoint streamEndpoint() {
    return new ApiEndpoint(PATH, "get",
        "Server-Sent Events: a run event per new run, a scalars event with the new points of a series",
        List.of(
            RouteParameter.optional("run", "string", "a regex: only runs whose name it finds"),
            RouteParameter.optional("tag", "string", "a regex: only tags it finds")),
        List.of("text/event-stream"));
  }
}
