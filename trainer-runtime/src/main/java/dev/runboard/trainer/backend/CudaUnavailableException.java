package dev.runboard.trainer.backend;

/**
 * CUDA was asked for but cannot be used here: no CUDA libraries, no driver, or no device. The
 * message says which, so that a user who chose {@code --backend cuda} learns why it did not run.
 */
public final class CudaUnavailableException extends RuntimeException {
  public CudaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
