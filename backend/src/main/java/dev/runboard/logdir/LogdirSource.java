package dev.runboard.logdir;

import dev.runboard.eventlog.s3.S3Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One logdir the server reads: a local directory or an object-storage prefix ({@code s3://}), and
 * the name its runs are prefixed with when several are served together ({@code --logdir_spec
 * name1:s3://bucket/a,name2:/local/dir}, as TensorBoard's): run {@code x} of logdir {@code name1}
 * is {@code name1/x}, and the logdir's own top level is {@code name1}.
 *
 * @param name the run-name prefix; empty for a single logdir
 * @param location a local path or an {@code s3://} URI
 */
public record LogdirSource(String name, String location) {
  /** A URI scheme: such an entry of a spec has no name in front (TensorBoard's rule). */
  private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  public LogdirSource {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    if (location.isBlank()) {
      throw new IllegalArgumentException("empty logdir" + (name.isEmpty() ? "" : " for '" + name + "'"));
    }
    if (name.contains("/") || name.equals(".") || name.equals("..")) {
      throw new IllegalArgumentException("a logdir name must not be '.', '..' or hold '/': '" + name + "'");
    }
    if (isS3(location)) {
      S3Location.parse(location); // validates
    } else if (URI.matcher(location).matches()) {
      throw new IllegalArgumentException(
          "unsupported logdir " + location + ": use a local directory or s3://bucket/prefix");
    }
  }

  /** A single logdir, unprefixed. */
  public static LogdirSource of(String location) {
    return new LogdirSource("", location);
  }

  /**
   * Parses {@code name1:location1,name2:location2}. With more than one entry every entry needs a
   * distinct name (runs of different logdirs must not collide).
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static List<LogdirSource> parseSpec(String spec) {
    List<LogdirSource> sources = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int colon = trimmed.indexOf(':');
      LogdirSource source = colon <= 0 || URI.matcher(trimmed).matches()
          ? of(trimmed)
          : new LogdirSource(trimmed.substring(0, colon), trimmed.substring(colon + 1));
      if (!names.add(source.name())) {
        throw new IllegalArgumentException("logdir name '" + source.name() + "' is given twice in '" + spec + "'");
      }
      sources.add(source);
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no logdir in '" + spec + "'");
    }
    if (sources.size() > 1 && names.contains("")) {
      throw new IllegalArgumentException(
          "with several logdirs, name each one (name:location), so that their runs cannot collide: '" + spec + "'");
    }
    return List.copyOf(sources);
  }

  public static boolean isS3(String location) {
    return S3Location.isS3(location);
  }

  public boolean isS3() {
    return isS3(location);
  }

  public S3Location s3() {
    return S3Location.parse(location);
  }

  /** The local directory, absolute and normalised. */
  public Path directory() {
    if (isS3()) {
      throw new IllegalStateException(location + " is not a local directory");
    }
    return Path.of(location).toAbsolutePath().normalize();
  }

  /** The name of a run found at {@code relative} ("." for the logdir itself) in this logdir. */
  public String runName(String relative) {
    if (name.isEmpty()) {
      return relative;
    }
    return relative.equals(".") ? name : name + "/" + relative;
  }

  /** Whether a run of the index comes from this logdir (by its name). */
  public boolean owns(String runName) {
    return name.isEmpty() || runName.equals(name) || runName.startsWith(name + "/");
  }

  /** For messages and the status: the name (if any) and where. */
  public String describe() {
    String where = isS3() ? s3().toString() : directory().toString();
    return name.isEmpty() ? where : name + ":" + where;
  }
}
