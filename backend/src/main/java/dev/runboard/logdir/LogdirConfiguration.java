package dev.runboard.logdir;

import dev.runboard.eventlog.ReadOptions;
import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.eventlog.s3.S3Traffic;
import dev.runboard.index.IndexOptions;
import dev.runboard.index.LogdirIndex;
import java.util.List;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the index and the watcher that keeps it live, and reports both to Actuator: readiness
 * stays "refusing traffic" until every run found at startup is loaded (the API answers meanwhile
 * with what is loaded), and health is DOWN when a loader or the watcher died.
 */
@Configuration(proxyBeanMethods = false)
class LogdirConfiguration {
  @Bean(destroyMethod = "close")
  LogdirIndex logdirIndex(LogdirProperties properties) {
    List<LogdirSource> sources = properties.sources();
    IndexOptions options = sources.size() == 1 && !sources.get(0).isS3()
        ? IndexOptions.defaults(sources.get(0).directory())
        : IndexOptions.defaults();
    options = options
        .withReadOptions(ReadOptions.defaults()
            .withMaxRecordBytes(properties.maxRecordBytes().toBytes())
            .withStallGrace(properties.stallGrace()));
    LogdirProperties.Index index = properties.index();
    if (index.maxBytes() != null) {
      options = options.withBudgetBytes(index.maxBytes().toBytes());
    }
    if (index.loaderThreads() > 0) {
      options = options.withLoaderThreads(index.loaderThreads());
    }
    LogdirIndex logdirIndex = new LogdirIndex(options.withMaxProblems(index.maxProblems()));
    if (index.collectAfterFirstLoad()) {
      // Loading allocates far more than it keeps (decoded batches, arrays grown, then trimmed),
      // and G1 keeps the heap it grew to: 10,000 runs left 3.1 GB committed for 650 MB in use,
      // RSS 1.56 GB; one collection then gave 0.5 GB back. Once, so no pause recurs.
      logdirIndex.onFirstLoadDone(System::gc);
    }
    return logdirIndex;
  }

  /** Counts the object-store requests, errors and bytes (metrics). */
  @Bean
  S3Traffic s3Traffic() {
    return new S3Traffic();
  }

  /** Discovery for each logdir; object-storage logdirs are checked now, failing startup clearly. */
  @Bean(destroyMethod = "close")
  LogdirDiscoveries logdirDiscoveries(
      LogdirIndex index, LogdirProperties properties, S3Properties s3, S3Traffic traffic) throws S3AccessException {
    LogdirDiscoveries discoveries = LogdirDiscoveries.create(
        index,
        properties.sources(),
        new LogdirWatcher.Options(properties.watch(), properties.pollInterval(), properties.rescanInterval()),
        s3,
        traffic);
    // Discovery (listing run names, no data) overlaps the rest of the start-up, so the first
    // request already sees every run; loading the data waits for the lifecycle start below.
    discoveries.start();
    return discoveries;
  }

  /** Starts loading with the context; the server takes requests meanwhile. */
  @Bean
  SmartLifecycle logdirLoading(LogdirIndex index, LogdirDiscoveries watcher) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        index.start();
        watcher.start();
        running = true;
      }

      @Override
      public void stop() {
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }

  /**
   * Readiness: refusing traffic until every run found at startup is loaded, as a load balancer
   * should not send users to a replica that shows half the logdir. Replaces Boot's indicator of
   * the same name, which knows only the application's own state.
   */
  @Bean
  ReadinessStateHealthIndicator readinessStateHealthIndicator(
      ApplicationAvailability availability, LogdirIndex index) {
    return new ReadinessStateHealthIndicator(availability) {
      @Override
      protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
        return index.firstLoadDone()
            ? super.getState(applicationAvailability)
            : ReadinessState.REFUSING_TRAFFIC;
      }
    };
  }

  @Bean
  HealthIndicator indexHealth(LogdirIndex index, LogdirDiscoveries watcher) {
    return () -> {
      Health.Builder health = index.healthy() && watcher.healthy() ? Health.up() : Health.down();
      var status = index.status();
      return health
          .withDetail("runs_discovered", status.runsDiscovered())
          .withDetail("runs_loaded", status.runsLoaded())
          .withDetail("first_load_done", status.firstLoadDone())
          .withDetail("watching", watcher.watching())
          .build();
    };
  }
}
