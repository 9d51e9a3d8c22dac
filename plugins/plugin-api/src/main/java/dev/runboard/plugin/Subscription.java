package dev.runboard.plugin;

/** Ends a listener registration; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
