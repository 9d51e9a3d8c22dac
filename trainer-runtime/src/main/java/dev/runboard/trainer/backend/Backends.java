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

  private static Backend loadCpu() {
    // Own pool: the common pool has one worker less than there are cores (none on two cores).
    ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    try {
      return OpenBlasBackend.load(pool);
    } catch (LinkageError | RuntimeException e) {
      System.err.println(
          "WARNING: runboard trainer: OpenBLAS failed to load (" + e
              + "); falling back to pure-Java GEMM, training will be about 10x slower");
      return new JavaBackend(pool);
    }
  }
}
