package dev.runboard.plugin;

/**
 * Receives what the service indexes while it runs. Called on the indexing thread: implementations
 * must return quickly and hand real work (UI updates, network writes) to another thread.
 */
public interface RunDataListener {
  /** A run directory appeared in the logdir. */
  default void runAdded(RunInfo run) {}

  /** Points were appended to a scalar tag (possibly a new tag). */
  default void scalarsAppended(ScalarSeries appended) {}
}
