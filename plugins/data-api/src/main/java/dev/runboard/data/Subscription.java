package dev.runboard.data;

/** Ends a registration; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  @Override
  void close();
}
