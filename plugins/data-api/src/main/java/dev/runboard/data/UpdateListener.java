package dev.runboard.data;

/**
 * Receives updates for a subscription. Called on the index's loader threads: implementations
 * must return quickly and hand real work (network writes, UI updates) to another thread.
 */
@FunctionalInterface
public interface UpdateListener {
  void onUpdate(DataUpdate update);
}
