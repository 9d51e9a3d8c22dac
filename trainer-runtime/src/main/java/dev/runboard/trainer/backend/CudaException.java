package dev.runboard.trainer.backend;

/** A CUDA runtime or cuBLAS call returned an error: the message names the call and the error. */
public final class CudaException extends RuntimeException {
  public CudaException(String message) {
    super(message);
  }
}
