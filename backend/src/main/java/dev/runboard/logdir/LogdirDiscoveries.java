package dev.runboard.logdir;

import dev.runboard.eventlog.s3.S3AccessException;
import dev.runboard.eventlog.s3.S3Settings;
import dev.runboard.eventlog.s3.S3Traffic;
import dev.runboard.index.LogdirIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The discoveries of every logdir served (one, or several with {@code --logdir_spec}), feeding one
 * index. The index's first load waits for every logdir's first pass. Owns the S3 client, when a
 * logdir is in object storage.
 */
public final class LogdirDiscoveries implements AutoCloseable {
  private final List<LogdirDiscovery> discoveries;
  private final S3Client client;

  private LogdirDiscoveries(List<LogdirDiscovery> discoveries, S3Client client) {
    this.discoveries = List.copyOf(discoveries);
    this.client = client;
  }

  /**
   * Sets up discovery for each logdir. Object-storage logdirs are checked right away: a missing
   * bucket, missing or rejected credentials or an unreachable store fail here, with a message
   * that says which.
   */
  public static LogdirDiscoveries create(
      LogdirIndex index, List<LogdirSource> sources, LogdirWatcher.Options watch, S3Properties s3,
      S3Traffic traffic) throws S3AccessException {
    AtomicInteger firstPasses = new AtomicInteger(sources.size());
    Runnable firstPassDone = () -> {
      if (firstPasses.decrementAndGet() == 0) {
        index.discoveryFinished();
      }
    };
    S3Client client = null;
    List<LogdirDiscovery> discoveries = new ArrayList<>();
    try {
      for (LogdirSource source : sources) {
        if (source.isS3()) {
          S3Settings settings = s3.settings();
          if (client == null) {
            client = settings.newClient(traffic);
          }
          S3Discovery discovery = new S3Discovery(
              index, client, settings, source, s3.pollInterval(), (int) s3.readAhead().toBytes(), traffic,
              firstPassDone);
          discovery.checkAccess();
          discoveries.add(discovery);
        } else {
          discoveries.add(new LogdirWatcher(index, source, watch, firstPassDone));
        }
      }
    } catch (S3AccessException | RuntimeException e) {
      if (client != null) {
        client.close();
      }
      throw e;
    }
    return new LogdirDiscoveries(discoveries, client);
  }

  public void start() {
    discoveries.forEach(LogdirDiscovery::start);
  }

  public boolean healthy() {
    return discoveries.stream().allMatch(LogdirDiscovery::healthy);
  }

  /** Whether every local logdir is followed through file-system notifications. */
  public boolean watching() {
    return discoveries.stream()
        .map(LogdirDiscovery::status)
        .filter(s -> s.kind().equals("local"))
        .allMatch(s -> s.mode().equals("notify"));
  }

  public List<LogdirDiscovery.Status> statuses() {
    return discoveries.stream().map(LogdirDiscovery::status).toList();
  }

  @Override
  public void close() {
    discoveries.forEach(LogdirDiscovery::close);
    if (client != null) {
      client.close();
    }
  }
}
