package dev.runboard.metrics;

import dev.runboard.eventlog.s3.S3Traffic;
import dev.runboard.index.LogdirIndex;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runboard's metrics, for {@code /actuator/prometheus} when it is exposed ({@code
 * management.endpoints.web.exposure.include=health,info,prometheus}): runs, points indexed, bytes
 * read, tail lag, event-stream clients, and the object store's requests, errors and bytes.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {
  /** The S3 operations the readers use, each with its own request and error counter. */
  private static final List<String> S3_OPERATIONS = List.of("ListObjectsV2", "HeadObject", "GetObject");

  @Bean
  FilterRegistrationBean<StreamClientCounter> streamClientCounter() {
    FilterRegistrationBean<StreamClientCounter> registration = new FilterRegistrationBean<>(new StreamClientCounter());
    registration.addUrlPatterns("/api/v1/stream");
    registration.setAsyncSupported(true);
    return registration;
  }

  @Bean
  MeterBinder runboardMetrics(
      LogdirIndex index, S3Traffic s3, FilterRegistrationBean<StreamClientCounter> streamClients) {
    StreamClientCounter clients = streamClients.getFilter();
    return registry -> {
      Gauge.builder("runboard.runs", index, i -> i.status().runsDiscovered())
          .description("Runs found in the logdir(s)").register(registry);
      Gauge.builder("runboard.runs.loaded", index, i -> i.status().runsLoaded())
          .description("Runs whose files have all been read once").register(registry);
      FunctionCounter.builder("runboard.points.indexed", index, LogdirIndex::pointsIndexed)
          .description("Scalar points, tensors and blobs indexed").register(registry);
      FunctionCounter.builder("runboard.log.bytes.read", index, i -> i.status().bytesRead())
          .baseUnit("bytes").description("Bytes of log files read (re-reads included)").register(registry);
      Gauge.builder("runboard.tail.lag", index, LogdirIndex::unreadBytes)
          .baseUnit("bytes").description("Bytes the log files hold beyond what was read").register(registry);
      Gauge.builder("runboard.stream.clients", clients, StreamClientCounter::connected)
          .description("Clients connected to /api/v1/stream").register(registry);
      for (String operation : S3_OPERATIONS) {
        FunctionCounter.builder("runboard.s3.requests", s3, t -> t.requests().getOrDefault(operation, 0L))
            .tag("operation", operation).description("HTTP requests to the object store (retries included)")
            .register(registry);
        FunctionCounter.builder("runboard.s3.errors", s3, t -> t.errors().getOrDefault(operation, 0L))
            .tag("operation", operation).description("Object-store calls that failed").register(registry);
      }
      FunctionCounter.builder("runboard.s3.bytes.downloaded", s3, S3Traffic::bytesDownloaded)
          .baseUnit("bytes").description("Object bytes read with ranged GETs").register(registry);
    };
  }
}
