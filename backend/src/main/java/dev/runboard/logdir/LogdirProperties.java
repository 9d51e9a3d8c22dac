package dev.runboard.logdir;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the logs are and how eagerly they are followed.
 *
 * @param logdir the directory whose sub-directories are runs ({@code --logdir} on the command line)
 * @param pollInterval how often known log files are checked for new data
 * @param rescanInterval how often the logdir is walked for new runs and new files
 */
@ConfigurationProperties("runboard")
public record LogdirProperties(
    @DefaultValue("./runs") Path logdir,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue("1s") Duration rescanInterval) {
  public LogdirProperties {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("runboard.poll-interval must be positive");
    }
    if (rescanInterval.compareTo(pollInterval) < 0) {
      throw new IllegalArgumentException("runboard.rescan-interval must be at least runboard.poll-interval");
    }
  }
}
