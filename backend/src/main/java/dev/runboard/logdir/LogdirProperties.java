package dev.runboard.logdir;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where the logs are, how they are followed, and how much of them the index may hold.
 *
 * @param logdir the directory whose sub-directories are runs, or an {@code s3://bucket/prefix}
 *     ({@code --logdir})
 * @param logdirSpec several logdirs, {@code name1:location1,name2:location2}, their runs prefixed
 *     with their names ({@code --logdir_spec}, as TensorBoard's); when set, {@code logdir} is not
 *     read
 * @param watch {@code auto}: file-system notifications (inotify) where they work; {@code poll}:
 *     polling only, for network file systems whose notifications cannot be trusted
 * @param pollInterval how often files still being written are checked when polling
 * @param rescanInterval how often the whole logdir is walked; unset: 5 minutes with notifications
 *     (a safety net), 5 s when polling
 * @param maxRecordBytes a record or batch larger than this is skipped as damage, never allocated
 * @param stallGrace how long a file must stop growing before a record that claims more bytes
 *     than the file holds is reported as damage rather than waited for
 * @param index the in-memory index
 */
@ConfigurationProperties("runboard")
public record LogdirProperties(
    @DefaultValue("./runs") String logdir,
    String logdirSpec,
    @DefaultValue("auto") LogdirWatcher.Mode watch,
    @DefaultValue("200ms") Duration pollInterval,
    Duration rescanInterval,
    @DefaultValue("64MB") DataSize maxRecordBytes,
    @DefaultValue("10s") Duration stallGrace,
    @DefaultValue Index index) {
  public LogdirProperties {
    if (logdirSpec != null && logdirSpec.isBlank()) {
      logdirSpec = null;
    }
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("runboard.poll-interval must be positive");
    }
    if (rescanInterval != null && (rescanInterval.isNegative() || rescanInterval.isZero())) {
      throw new IllegalArgumentException("runboard.rescan-interval must be positive");
    }
    if (maxRecordBytes.toBytes() < 1024) {
      throw new IllegalArgumentException("runboard.max-record-bytes must be at least 1KB");
    }
  }

  /** The logdirs to serve: the spec's, or the one logdir. */
  public List<LogdirSource> sources() {
    return logdirSpec != null ? LogdirSource.parseSpec(logdirSpec) : List.of(LogdirSource.of(logdir));
  }

  /**
   * @param maxBytes heap bytes indexed data may hold ({@code --max-memory}); unset: 40 % of the
   *     maximum heap. Beyond it, the least recently read series are evicted and read again from
   *     their files when needed.
   * @param loaderThreads threads reading log files; 0: one per core, at least 2
   * @param maxProblems how many recent problems {@code /api/v1/status} lists
   * @param collectAfterFirstLoad whether to ask for one garbage collection when the runs found
   *     at startup are loaded, so that the heap grown while loading returns to the system
   */
  public record Index(
      DataSize maxBytes,
      @DefaultValue("0") int loaderThreads,
      @DefaultValue("1000") int maxProblems,
      @DefaultValue("true") boolean collectAfterFirstLoad) {
    public Index {
      if (maxBytes != null && maxBytes.toBytes() <= 0) {
        throw new IllegalArgumentException("runboard.index.max-bytes must be positive");
      }
      if (loaderThreads < 0) {
        throw new IllegalArgumentException("runboard.index.loader-threads must not be negative");
      }
    }
  }
}
