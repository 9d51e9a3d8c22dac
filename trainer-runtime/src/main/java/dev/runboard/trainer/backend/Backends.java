package dev.runboard.trainer.backend;

import java.util.concurrent.ForkJoinPool;

/** Picks the backend models use by default: OpenBLAS, or loudly the pure-Java fallback. */
public final class Backends {
  private static volatile Backend cpu;

  private Backends() {}

  /**
   * The process-wide CPU backend, created on first use. One per process on purpose: OpenBLAS owns
   * a thread pool and the native staging buffers are worth sharing.
   */
  public static Backend cpu() {
    Backend backend = cpu;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = cpu;
        if (backend == null) {
          backend = loadCpu();
          cpu = backend;
        }
      }
    }
    return backend;
  }

  /** {@code -Drunboard.blas.threads} or {@code RUNBOARD_BLAS_THREADS}; 0 when unset (OpenBLAS's default). */
  static int configuredBlasThreads() {
    String text = System.getProperty("runboard.blas.threads", System.getenv("RUNBOARD_BLAS_THREADS"));
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      int threads = Integer.parseInt(text.trim());
      if (threads >= 1) {
        return threads;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "runboard.blas.threads / RUNBOARD_BLAS_THREADS must be a positive integer, was '" + text + "'");
  }

  private static Backend loadCpu() {
    // Own pool: the common pool has one worker less than there are cores (none on two cores).
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    int threads = configuredBlasThreads();
    try {
      OpenBlasBackend blas = OpenBlasBackend.load(pool);
      if (threads > 0) {
        blas.setThreads(threads);
      }
      return blas;
    } catch (LinkageError | RuntimeException e) {
      System.err.println(
          "WARNING: runboard trainer: OpenBLAS failed to load (" + e
              + "); falling back to pure-Java GEMM, training will be about 10x slower");
      return new JavaBackend(pool);
    }
  }
}
