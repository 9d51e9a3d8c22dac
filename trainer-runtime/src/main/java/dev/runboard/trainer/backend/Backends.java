package dev.runboard.trainer.backend;

import java.util.concurrent.ForkJoinPool;

/**
 * Picks the backend models use by default: the CPU (OpenBLAS, or loudly the pure-Java fallback),
 * or CUDA when asked for with {@code RUNBOARD_BACKEND=cuda} / {@code -Drunboard.backend=cuda}.
 */
public final class Backends {
  /** Names accepted by {@link #named}, {@code RUNBOARD_BACKEND} and {@code --backend}. */
  public static final String CPU = "cpu";

  public static final String CUDA = "cuda";

  private static volatile Backend cpu;
  private static volatile CudaBackend cuda;

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

  /**
   * The backend chosen by {@code -Drunboard.backend} or {@code RUNBOARD_BACKEND} ({@code cpu} when
   * unset). Asking for {@code cuda} where it cannot run throws {@link CudaUnavailableException}
   * saying why: the user asked for the GPU, so there is no silent fallback.
   */
  public static Backend selected() {
    String name = System.getProperty("runboard.backend", System.getenv("RUNBOARD_BACKEND"));
    return named(name == null || name.isBlank() ? CPU : name.trim());
  }

  /** {@code cpu} or {@code cuda}; see {@link #selected}. */
  public static Backend named(String name) {
    if (CPU.equalsIgnoreCase(name)) {
      return cpu();
    }
    if (CUDA.equalsIgnoreCase(name)) {
      return cuda();
    }
    throw new IllegalArgumentException("unknown backend '" + name + "': expected cpu or cuda");
  }

  /**
   * The process-wide CUDA backend (device 0), created on first use.
   *
   * @throws CudaUnavailableException when there is no usable CUDA device, naming the reason
   */
  public static CudaBackend cuda() {
    CudaBackend backend = cuda;
    if (backend == null) {
      synchronized (Backends.class) {
        backend = cuda;
        if (backend == null) {
          backend = CudaBackend.load(new ForkJoinPool(Runtime.getRuntime().availableProcessors()));
          cuda = backend;
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
