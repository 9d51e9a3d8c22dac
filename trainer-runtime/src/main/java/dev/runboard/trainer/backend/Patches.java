package dev.runboard.trainer.backend;

/**
 * A convolution's patch matrix, kept by the backend between {@link
 * Backend#convolutionForward} and {@link Backend#convolutionBackward}. Close it once backward has
 * run (or at once when there will be no backward): the backend reuses its memory.
 */
public interface Patches extends AutoCloseable {
  @Override
  void close();
}
