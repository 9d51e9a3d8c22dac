package dev.runboard.data;

import java.util.List;
import java.util.Optional;

/**
 * Read access to everything the logdir holds: the one contract behind the REST API, the live
 * stream, every dashboard and the export. Modelled on TensorBoard's {@code DataProvider}.
 *
 * <p>Data comes in three classes ({@link DataClass}); every series (one tag of one run) belongs to
 * one class and one plugin. Reads take a {@link RunTagFilter} and a query with a range and a
 * downsampling argument, and return what is indexed at that moment: runs still loading simply
 * have less (see {@link #status()}).
 *
 * <p><b>Versions.</b> Every series has a version that grows with each change. {@link
 * #subscribe(UpdateFilter, UpdateListener) Subscribers} are told "(run, tag) advanced to version
 * v" and read what they need; a read with {@link ScalarQuery#sinceVersion()} returns only what was
 * appended after a version the reader already has. Versions never go backwards, even when a
 * series is rebuilt from scratch.
 *
 * <p>Implementations are thread-safe.
 */
public interface DataProvider {
  /** Every run, sorted by name. */
  List<RunInfo> listRuns();

  /** One run, or empty when there is no such run. */
  Optional<RunInfo> run(String run);

  /** The series of a data class (and plugin, unless null) that match the filter. */
  List<SeriesInfo> listSeries(DataClass dataClass, String pluginName, RunTagFilter filter);

  /** Scalar series matching the filter, in run then tag order. */
  List<ScalarSeries> readScalars(RunTagFilter filter, ScalarQuery query);

  /** Tensor series of a plugin (any, when null) matching the filter, in run then tag order. */
  List<TensorSeries> readTensors(String pluginName, RunTagFilter filter, StepQuery query);

  /** Blob sequences of a plugin (any, when null) matching the filter, in run then tag order. */
  List<BlobSequence> readBlobSequences(String pluginName, RunTagFilter filter, StepQuery query);

  /**
   * The bytes of a blob, read from its log file; empty when the key is unknown (never a path: keys
   * are looked up in the index).
   *
   * @throws java.io.UncheckedIOException when the file can no longer be read
   */
  Optional<Blob> readBlob(String key);

  /** Registers a listener until the subscription is closed. */
  Subscription subscribe(UpdateFilter filter, UpdateListener listener);

  /** Loading progress and problems. */
  DataStatus status();
}
