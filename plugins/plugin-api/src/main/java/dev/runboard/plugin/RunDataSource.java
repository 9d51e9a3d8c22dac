package dev.runboard.plugin;

import java.util.List;
import java.util.Optional;

/** Read access to the runs the service has indexed: the one data API every plugin uses. */
public interface RunDataSource {
  /** All runs known so far, sorted by name. */
  List<RunInfo> runs();

  /** The scalar tags of a run, sorted; empty for an unknown run. */
  List<String> scalarTags(String run);

  /** Every point of a scalar tag at full resolution, or empty when run or tag is unknown. */
  Optional<ScalarSeries> scalars(String run, String tag);

  /** Registers a listener for new runs and new points, until the subscription is closed. */
  Subscription subscribe(RunDataListener listener);
}
